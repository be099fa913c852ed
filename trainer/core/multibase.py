"""Multibase and multicodec, as far as Ed25519 keys and signatures need them.

Keys travel as `z...` strings (base58btc): a two-byte multicodec prefix saying what the
key is, then its 32 bytes. The same text is what TRAINER_ISSUER_KEY holds.
"""

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BASE58BTC = "z"
ED25519_PUBLIC = b"\xed\x01"
ED25519_SECRET = b"\x80\x26"
KEY_LENGTH = 32
_DIGITS = {symbol: value for value, symbol in enumerate(ALPHABET)}


def encode_base58btc(data: bytes) -> str:
    """`data` as multibase base58btc: "z" then Bitcoin's base 58, leading zeros kept."""
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, rest = divmod(number, 58)
        digits.append(ALPHABET[rest])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return BASE58BTC + "1" * zeros + "".join(reversed(digits))


def decode_base58btc(text: str) -> bytes:
    """The bytes of a multibase base58btc string; ValueError for anything else."""
    if not text.startswith(BASE58BTC) or len(text) > 200:
        raise ValueError("not a multibase base58btc value (z...) of a key or signature")
    body = text[1:]
    number = 0
    for symbol in body:
        if symbol not in _DIGITS:
            raise ValueError(f"{symbol!r} is not a base58 digit")
        number = number * 58 + _DIGITS[symbol]
    zeros = len(body) - len(body.lstrip("1"))
    return b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")


def encode_key(prefix: bytes, key: bytes) -> str:
    return encode_base58btc(prefix + key)


def decode_key(prefix: bytes, text: str) -> bytes:
    """The 32 bytes of a multikey of the kind `prefix` names; ValueError otherwise."""
    data = decode_base58btc(text)
    if not data.startswith(prefix) or len(data) != len(prefix) + KEY_LENGTH:
        raise ValueError("not an Ed25519 key of the expected kind")
    return data[len(prefix) :]
