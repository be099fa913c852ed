"""Password hashing, upgrading old hashes, and the rules every new password meets."""

import re
from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms.validators import ValidationError

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
# Werkzeug's default is scrypt with n=2**15; we use twice the work. Tests may lower it.
DEFAULT_HASH_METHOD = "scrypt:65536:8:1"
COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt")
_DECORATION = re.compile(r"[\d\W_]+$")


def hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_HASH_METHOD)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=hash_method())


@cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash("not a real password at all", method=method)


def password_matches(password_hash: str | None, password: str) -> bool:
    """Check the password; with no hash, spend the same time and say no."""
    matches = check_password_hash(password_hash or _dummy_hash(hash_method()), password)
    return matches and bool(password_hash)


def needs_rehash(password_hash: str) -> bool:
    """A hash made with older, weaker parameters is replaced at the next sign-in."""
    return not password_hash.startswith(hash_method() + "$")


@cache
def _common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("# "))


def is_common(password: str) -> bool:
    """A listed password, also with digits or symbols at the end, or written twice."""
    lowered = password.lower()
    half = len(lowered) // 2
    candidates = {lowered, _DECORATION.sub("", lowered)}
    if lowered[:half] == lowered[half:]:
        candidates.add(lowered[:half])
    return not candidates.isdisjoint(_common_passwords()) or len(set(lowered)) <= 3


class PasswordPolicy:
    """A WTForms validator: long enough, not too long, not a common password."""

    message = _l("This password is too common. Choose a longer phrase of your own.")

    def __call__(self, form, field) -> None:
        if field.data and is_common(field.data):
            raise ValidationError(self.message)
