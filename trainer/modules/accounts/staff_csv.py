"""Reading a staff list: name, e-mail, language, as people save it from Excel.

UTF-8 with or without a byte-order mark; commas, or semicolons as Excel writes CSV in
Finland; a header row (in Finnish, Swedish or English) or none. Every row that cannot
be read is reported with its line number and the reason; nothing here touches the
database.
"""

import csv
import io
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from trainer.core.inputs import CONTROL_CHARACTER_MESSAGE, is_plain_text
from trainer.modules.accounts.models import EMAIL_LENGTH, NAME_LENGTH, normalise_email

COLUMNS = ("name", "email", "language")
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


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableFile(
            _l(
                "Line %(line)d is not UTF-8 text. In Excel, save the list as "
                "“CSV UTF-8 (comma delimited)”.",
                line=line,
            )
        ) from None


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first.count(";") > first.count(",") else ","


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
    found = {}
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


def read_staff(data: bytes) -> tuple[list[StaffRow], list[BadRow]]:
    """The rows that read well, and every row that did not, with its reason."""
    records = _records(decode(data))
    columns = _header_columns(records[0][1]) if records else None
    if columns is not None:
        records = records[1:]
    if not records:
        raise UnreadableFile(_l("The file has no people in it."))
    rows, bad, first_line = [], [], {}
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
