"""Password hashing, upgrading old hashes, and the rules every new password meets.

The rules follow ASVS 4.0 section 2.1 (and NIST SP 800-63B): 12 to 128 characters of
any kind, no rules on character classes, and no password that is common, a walk along
the keyboard or the alphabet, or made of the account's own e-mail or name or of the
site's words with little added. `password_problem` is the one place they live: forms
show its message beside the field, and the operations that set a password (every web
form, every link, `trainer users create`) refuse what it refuses.
"""

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms.validators import ValidationError

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
# Werkzeug's default is scrypt with n=2**15; we use twice the work. Tests may lower it.
DEFAULT_HASH_METHOD = "scrypt:65536:8:1"
COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt")
_DECORATION = re.compile(r"[\d\W_]+$")
# What is left of a password once the person's and the site's words are taken out must
# be at least this long, and itself not common.
MIN_OWN_PART = 8
# The site's own words: its name and what it is about, in the course's languages.
SITE_WORDS = (
    "trainer",
    "training",
    "course",
    "koulutus",
    "kurssi",
    "utbildning",
    "kurs",
    "trafficking",
    "humantrafficking",
    "ihmiskauppa",
    "människohandel",
    "manniskohandel",
    "reception",
    "vastaanotto",
    "vastaanottokeskus",
    "mottagning",
    "mottagningscentral",
)
# Rows of the keyboards our users type on (also walked backwards), and the alphabet.
SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyzåäö",
    "1234567890",
    "qwertyuiopåasdfghjklöäzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "qazwsxedcrfvtgbyhnujmikolp",
    "!@#$%^&*()_+",
)
TOO_COMMON = _l("This password is too common. Choose a longer phrase of your own.")
TOO_PERSONAL = _l(
    "This password is too close to your name, your e-mail address or the name of the "
    "site. Choose a phrase of your own."
)
WRONG_LENGTH = _l("A password has %(min)d to %(max)d characters.")


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


def _skeleton(text: str) -> str:
    """Without spaces and ASCII punctuation, compared without case ("Aino.Aalto" ->
    "ainoaalto"); letters of every script and symbols such as emoji stay."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if c.isalnum() or not (c.isascii() or c.isspace()))


@cache
def _followers() -> frozenset[tuple[str, str]]:
    pairs = set()
    for sequence in SEQUENCES:
        for a, b in zip(sequence, sequence[1:] + sequence[0], strict=True):
            pairs |= {(a, b), (b, a)}
    return frozenset(pairs)


def is_sequence(password: str) -> bool:
    """A walk along a keyboard row, the digits or the alphabet, with a break or two:
    "123456789012", "qwertyuiopasdf", "qwerty123456"."""
    lowered = password.lower()
    pairs = list(pairwise(lowered))
    breaks = sum(1 for a, b in pairs if a != b and (a, b) not in _followers())
    return breaks <= len(lowered) // 6


def _site_words() -> set[str]:
    host = urlsplit(current_app.config.get("BASE_URL", "")).hostname or ""
    labels = {label for label in host.split(".") if len(label) >= 4 and label != "www"}
    return {_skeleton(word) for word in (*SITE_WORDS, *labels)}


def _personal_words(email: str | None, name: str | None) -> set[str]:
    words = set()
    if email:
        local, _at, domain = email.partition("@")
        words |= {email, local, *re.split(r"[._+-]", local), *domain.split(".")}
    if name:
        words |= {name, *re.split(r"[\s.,'-]+", name)}
    return {w for w in map(_skeleton, words) if len(w) >= 3}


def _without(text: str, words: Iterable[str]) -> str:
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, "")
    return text


def password_problem(
    password: str, *, email: str | None = None, name: str | None = None
) -> str | None:
    """Why this password may not be used by the person with this e-mail and name, or
    None when it may."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        return str(WRONG_LENGTH % {"min": MIN_PASSWORD_LENGTH, "max": MAX_PASSWORD_LENGTH})
    if is_common(password) or is_sequence(password):
        return str(TOO_COMMON)
    skeleton, personal = _skeleton(password), _personal_words(email, name)
    own = _without(skeleton, _site_words() | personal)
    if len(own) < MIN_OWN_PART or is_common(own) or is_sequence(own):
        return str(TOO_PERSONAL if _without(skeleton, personal) != skeleton else TOO_COMMON)
    return None


class PasswordPolicy:
    """A WTForms validator for a new password, by `password_problem`. The person is the
    form's own e-mail and name fields, or `form.account` when the view sets it (the
    person a link is for), or else the signed-in user."""

    def __call__(self, form, field) -> None:
        if not field.data:
            return
        email, name = self._person(form)
        if problem := password_problem(field.data, email=email, name=name):
            raise ValidationError(problem)

    @staticmethod
    def _person(form) -> tuple[str | None, str | None]:
        if "email" in form or "name" in form:
            return (
                form.email.data if "email" in form else None,
                form.name.data if "name" in form else None,
            )
        account = getattr(form, "account", None)
        if account is None and current_user and current_user.is_authenticated:
            account = current_user
        return (account.email, account.name) if account is not None else (None, None)
