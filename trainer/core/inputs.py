"""Input rules at the edge: text that may be stored, numbers that may be looked up.

Whatever a request carries is checked here before it reaches the database: a number
is ASCII digits within the range of an INTEGER column (Python's int() also reads '²'
and '٣', and PostgreSQL refuses values beyond 32 bits), and a name or an e-mail has
no control characters (which PostgreSQL, spreadsheets and log lines each choke on).
"""

import re
import unicodedata
from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from werkzeug.routing import BaseConverter, ValidationError
from wtforms.validators import ValidationError as FieldError

# The largest value of an INTEGER column on PostgreSQL; our ids and counts stay below.
MAX_INTEGER = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")
# Bidirectional embeddings and overrides reorder the text around them on screen: a
# name could show as someone else's. (The marks LRM, RLM and ALM stay allowed.)
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Control characters (C0, DEL, C1: tab, line breaks and NUL among them), lone
# surrogates, and the line and paragraph separators.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
CONTROL_CHARACTER_MESSAGE = _l(
    "Line breaks, tabs and other invisible control characters are not allowed here."
)


def whole_number(text: object, *, minimum: int = 0, maximum: int = MAX_INTEGER) -> int | None:
    """`text` as an int when it is ASCII digits from `minimum` to `maximum`; else None."""
    if not isinstance(text, str) or not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


def page_number(args: Mapping[str, str], name: str = "page", maximum: int = 100_000) -> int:
    """The page asked for in the query string; 1 when it is missing or not a page."""
    return whole_number(args.get(name), minimum=1, maximum=maximum) or 1


class IdConverter(BaseConverter):
    """`<id:name>` in a route: a row id, ASCII digits within range; anything else is 404."""

    regex = r"[0-9]{1,10}"
    part_isolating = True

    def to_python(self, value: str) -> int:
        number = whole_number(value, minimum=1)
        if number is None:
            raise ValidationError()
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


def _is_forbidden(character: str) -> bool:
    return unicodedata.category(character) in _FORBIDDEN_CATEGORIES or character in _BIDI_CONTROLS


def forbidden_character(text: str) -> str | None:
    """The first character of `text` that no name or address may hold, or None."""
    return next((character for character in text if _is_forbidden(character)), None)


def is_plain_text(text: str) -> bool:
    # Every forbidden character is one isprintable() refuses (the bidi controls are Cf),
    # so most texts pass at C speed: an export checks every cell of ten thousand rows.
    return text.isprintable() or forbidden_character(text) is None


class PlainText:
    """Form validator: the field holds no control characters (see forbidden_character);
    `multiline` lets a text area keep its line breaks and tabs."""

    def __init__(self, *, multiline: bool = False) -> None:
        self.allowed = "\r\n\t" if multiline else ""

    def __call__(self, form, field) -> None:
        if not isinstance(field.data, str):
            return
        text = field.data.translate({ord(c): " " for c in self.allowed})
        if not is_plain_text(text):
            raise FieldError(str(CONTROL_CHARACTER_MESSAGE))


def printable(text: str, replacement: str = "\ufffd") -> str:
    """`text` with each forbidden character replaced, for data stored before the rule."""
    if is_plain_text(text):
        return text
    return "".join(replacement if _is_forbidden(c) else c for c in text)


def init_inputs(app) -> None:
    """Register `<id:...>`, which every route takes its ids with (a test sees to it)."""
    app.url_map.converters["id"] = IdConverter
