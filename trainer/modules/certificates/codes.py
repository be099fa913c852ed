"""Certificate codes: 80 random bits that a person can read out and type.

Crockford's base 32 has no I, L, O or U, so nothing in a code looks like anything
else; what people type for them anyway (O for 0, I or L for 1) is read as meant.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16  # 16 symbols of 5 bits: 80 bits
GROUP = 4
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-]+")
_LONGEST_TYPED = 64


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display_code(code: str) -> str:
    """The code in groups, as printed and shown: 7K3M-Q9XD-..."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise_code(typed: str) -> str | None:
    """The stored form of a typed code, or None when it cannot be a code."""
    if len(typed) > _LONGEST_TYPED:
        return None
    code = _SEPARATORS.sub("", typed).upper().translate(_LOOK_ALIKES)
    if len(code) != LENGTH or any(symbol not in ALPHABET for symbol in code):
        return None
    return code
