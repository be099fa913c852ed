"""Reading a staff list: name, e-mail, language, as people save it from Excel.

Whatever Excel on a Finnish Windows saves: "CSV UTF-8" (with a byte-order mark), plain
"CSV" (Windows-1252), "Unicode text" (UTF-16, tab-separated); semicolons as Excel writes
CSV in Finland and Sweden, or commas, or tabs; a header row (in Finnish, Swedish or
English) or none. Every row that cannot be read is reported with its line number and
the reason, next to the rows that read well; nothing here touches the database.
"""

import csv
import io
import re
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from trainer.core.inputs import CONTROL_CHARACTER_MESSAGE, is_plain_text
from trainer.modules.accounts.models import EMAIL_LENGTH, NAME_LENGTH, normalise_email

COLUMNS = ("name", "email", "language")
# A centre's staff is hundreds; a list far longer is a mistake (a whole register).
MAX_PEOPLE = 10_000
HEADER_NAMES = {
    "name": {"name", "full name", "nimi", "koko nimi", "namn", "fullständigt namn"},
    "email": {"email", "e-mail", "e-mail address", "email address", "sähköposti", "e-post"},
    "language": {"language", "kieli", "språk", "locale"},
}
# Codes and names of the course's languages (LANGUAGES), as people write them in a list.
LANGUAGE_WORDS = {
    "fi": {"fi", "fin", "suomi", "finnish", "finska"},
    "sv": {"sv", "swe", "svenska", "swedish", "ruotsi"},
    "en": {"en", "eng", "english", "englanti", "engelska"},
}


class UnreadableFile(ValueError):
    """The file as a whole cannot be read; the message says why."""


@dataclass(frozen=True)
class StaffRow:
    line: int
    name: str
    email: str
    # None when the file leaves it empty: new people get the default, others keep theirs.
    language: str | None


@dataclass(frozen=True)
class BadRow:
    line: int
    text: str
    reason: str


# Control characters other than tab, CR and LF: many of them are a sign of a binary file.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A multi-byte UTF-8 character: Windows-1252 text (one byte a letter) hardly ever has one.
_UTF8_LETTER = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_QUOTED = re.compile(r'"[^"]*"')
DELIMITERS = (";", ",", "\t")


def _not_utf8(data: bytes, error: UnicodeDecodeError) -> UnreadableFile:
    line = data[: error.start].count(b"\n") + 1
    return UnreadableFile(
        _l(
            "Line %(line)d is not UTF-8 text. In Excel, save the list as "
            "“CSV UTF-8 (comma delimited)”.",
            line=line,
        )
    )


def _not_text() -> UnreadableFile:
    return UnreadableFile(
        _l(
            "This file is not a CSV text file. In Excel, choose Save As and a CSV file "
            "type, such as “CSV UTF-8 (Comma delimited)”."
        )
    )


def _utf8_or_windows(data: bytes) -> str:
    """UTF-8 (a BOM or none), else Windows-1252. A file with UTF-8 letters and bytes
    that are not UTF-8 is refused rather than guessed: either way, letters would be
    garbled."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if b"\x00" in data:
            raise _not_text() from None
        if _UTF8_LETTER.search(data):
            raise _not_utf8(data, error) from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise _not_text() from None


def decode(data: bytes) -> str:
    """The text of the file: UTF-16 after its byte-order mark (Excel's "Unicode text"),
    else UTF-8, else Windows-1252 (Excel's plain "CSV" on Windows in Finland)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_text() from None
    else:
        text = _utf8_or_windows(data)
    if _is_binary(text):
        raise _not_text()
    return text


def _is_binary(text: str) -> bool:
    """NUL, or more control characters than a typing slip leaves (those rows are
    refused one by one, with the reason)."""
    return "\x00" in text or len(_BINARY.findall(text)) > max(3, len(text) // 100)


def _delimiter(text: str) -> str:
    """The separator the header (or first row) uses most, quoted text left out."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = _QUOTED.sub("", first)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _records(text: str) -> list[tuple[int, list[str]]]:
    """Each non-blank record with the line it starts on; trailing empty cells dropped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    records, next_line = [], 1
    for cells in reader:
        start, next_line = next_line, reader.line_num + 1
        cells = [cell.strip() for cell in cells]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            records.append((start, cells))
    return records


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    """Column positions if this row is a header, else None."""
    found: dict[str, int] = {}
    for position, cell in enumerate(cells):
        for column, names in HEADER_NAMES.items():
            if cell.casefold() in names:
                found.setdefault(column, position)
    if not found:
        return None
    missing = [c for c in ("name", "email") if c not in found]
    if missing:
        raise UnreadableFile(
            _l("The header row needs a column for the name and one for the e-mail address.")
        )
    return found


def language_code(value: str) -> str | None:
    """fi, sv or en for a code or a language name in any of the three; None if unknown."""
    word = value.strip().casefold().replace("_", "-").split("-")[0]
    return next((code for code, words in LANGUAGE_WORDS.items() if word in words), None)


def _email(value: str) -> str:
    if not value:
        raise ValueError(_l("The e-mail address is missing."))
    if len(value) > EMAIL_LENGTH:
        raise ValueError(_l("The e-mail address is too long."))
    if not is_plain_text(value):
        raise ValueError(CONTROL_CHARACTER_MESSAGE)
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise ValueError(_l("“%(value)s” is not an e-mail address.", value=value)) from None
    return normalise_email(value)


def _language(value: str) -> str | None:
    if not value:
        return None
    code = language_code(value)
    if code is None:
        raise ValueError(_l("Unknown language “%(value)s”: write fi, sv or en.", value=value))
    return code


def _name(value: str) -> str:
    if not value:
        raise ValueError(_l("The name is missing."))
    if len(value) > NAME_LENGTH:
        raise ValueError(_l("The name is longer than %(count)d characters.", count=NAME_LENGTH))
    if not is_plain_text(value):
        raise ValueError(CONTROL_CHARACTER_MESSAGE)
    return value


def _row(line: int, cells: list[str], columns: dict[str, int] | None) -> StaffRow:
    if columns is None:
        if not 2 <= len(cells) <= len(COLUMNS):
            raise ValueError(
                _l("Expected name, e-mail and language; found %(count)d columns.", count=len(cells))
            )
        columns = {column: i for i, column in enumerate(COLUMNS)}

    def cell(column: str) -> str:
        position = columns.get(column)
        return cells[position] if position is not None and position < len(cells) else ""

    return StaffRow(
        line=line,
        name=_name(cell("name")),
        email=_email(cell("email")),
        language=_language(cell("language")),
    )


def column_names() -> list[str]:
    """The header of a staff list in the interface language (each one the parser knows)."""
    return [_("name"), _("e-mail"), _("language")]


def _names_no_one(cells: list[str]) -> bool:
    """A first row of several cells with no e-mail address and no language: a header."""
    return len(cells) >= 2 and not any("@" in cell or language_code(cell) for cell in cells)


def _people_records(text: str) -> tuple[list[tuple[int, list[str]]], dict[str, int] | None]:
    """The records that should be people, and the header's columns if there is one."""
    records = _records(text)
    if not records:
        raise UnreadableFile(_l("The file is empty."))
    columns = _header_columns(records[0][1])
    if columns is not None:
        records = records[1:]
    elif _names_no_one(records[0][1]):
        raise UnreadableFile(
            _(
                "The first row is not a header this list can read. Name the columns "
                "%(columns)s, or leave the header row out.",
                columns=", ".join(column_names()),
            )
        )
    if not records:
        raise UnreadableFile(_l("The file has no people in it."))
    if len(records) > MAX_PEOPLE:
        raise UnreadableFile(
            _l(
                "The list has more than %(count)d people. Split it into smaller lists.",
                count=MAX_PEOPLE,
            )
        )
    return records, columns


def read_staff(data: bytes) -> tuple[list[StaffRow], list[BadRow]]:
    """The rows that read well, and every row that did not, with its reason."""
    records, columns = _people_records(decode(data))
    rows, bad = [], []
    first_line: dict[str, int] = {}
    for line, cells in records:
        try:
            row = _row(line, cells, columns)
        except ValueError as error:
            bad.append(BadRow(line, "; ".join(cells), str(error)))
            continue
        if row.email in first_line:
            reason = _l("The same e-mail address is on line %(line)d.", line=first_line[row.email])
            bad.append(BadRow(line, "; ".join(cells), str(reason)))
            continue
        first_line[row.email] = line
        rows.append(row)
    return rows, bad
