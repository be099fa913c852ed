"""Every table the app hands out as a file: CSV that Excel opens right in the reader's
language, and XLSX with fitted columns, a frozen header row and a filter.

Excel splits a CSV on its locale's list separator: a semicolon where the decimal
separator is a comma (Finland, Sweden), else a comma; it reads UTF-8 only after a
byte-order mark. A text cell that a spreadsheet would run as a formula (starting with
=, +, -, @, a tab or a carriage return) gets a leading apostrophe in CSV; in XLSX every
text cell is stored as text, which no spreadsheet evaluates. Both are private
downloads: an attachment that no cache keeps.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from flask import Response
from flask_babel import get_locale

from trainer.core import xlsx
from trainer.core.downloads import private_download
from trainer.core.inputs import printable

Value = str | int | float | Decimal | date | datetime | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Languages whose Excel reads "1,5" as a number and so splits CSV on semicolons.
DECIMAL_COMMA_LANGUAGES = frozenset({"fi", "sv"})
# Column widths in characters: a column fits its longest cell, within these bounds.
NARROWEST, WIDEST = 6, 60
# Room for the header's filter button.
FILTER_BUTTON = 3
SHEET_NAME_FORBIDDEN = {ord(character): None for character in "[]:*?/\\"}


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, made plain text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class CsvStyle:
    """How Excel in one language reads a CSV: the separators it expects."""

    delimiter: str
    decimal_mark: str

    @classmethod
    def for_language(cls, language: str) -> "CsvStyle":
        if language in DECIMAL_COMMA_LANGUAGES:
            return cls(delimiter=";", decimal_mark=",")
        return cls(delimiter=",", decimal_mark=".")

    @classmethod
    def current(cls) -> "CsvStyle":
        """The style of the request's interface language."""
        locale = get_locale()
        return cls.for_language(locale.language if locale else "")

    def text(self, value: Value) -> str:
        """One cell as Excel in this language reads it."""
        if type(value) is str:  # the most cells, so asked first
            return neutralise(value)
        if value is None:
            return ""
        if isinstance(value, int):
            return str(value)
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, float | Decimal):
            # Fixed notation ("0.00001", never "1e-05"), with this language's decimal mark.
            return format(Decimal(repr(value)) if isinstance(value, float) else value, "f").replace(
                ".", self.decimal_mark
            )
        return neutralise(str(value))


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Value]], style: CsvStyle) -> bytes:
    """UTF-8 with a byte-order mark, CRLF line ends, the header first."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=style.delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(str(header)) for header in headers])
    writer.writerows([style.text(value) for value in values] for values in rows)
    return out.getvalue().encode("utf-8-sig")


def csv_response(
    headers: Sequence[str], rows: Iterable[Sequence[Value]], filename: str
) -> Response:
    """A CSV for Excel in the request's language, as a private download."""
    data = csv_bytes(headers, rows, CsvStyle.current())
    return private_download(data, "text/csv", filename)  # Flask adds the charset


def _width(text: str) -> int:
    """The width of text in characters: its longest line's."""
    if "\n" not in text and "\r" not in text:
        return len(text)
    return max((len(line) for line in text.splitlines()), default=0)


def _cell(value: Value) -> tuple[Value, int]:
    """A cell as written, and its width in characters. Text with control characters
    (which XML 1.0 cannot hold; names stored before the input rules refused them)
    shows U+FFFD in their place."""
    if isinstance(value, str):
        text = printable(value)
        return text, _width(text)
    if isinstance(value, datetime):
        return value, len("2000-01-01 00:00")
    if isinstance(value, date):
        return value, len("2000-01-01")
    return value, 0 if value is None else len(str(value))


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Value]], title: str) -> bytes:
    """A workbook of one sheet named `title`: a bold header row that stays in view, a
    filter over the whole table, and columns as wide as their longest cell (within
    NARROWEST..WIDEST characters)."""
    names = [printable(str(header)) for header in headers]
    letters = [xlsx.column_letter(column) for column in range(len(names))]
    widths = [_width(name) + FILTER_BUTTON for name in names]
    lines = [xlsx.row_xml(1, letters, names, xlsx.HEADER)]
    for number, values in enumerate(rows, start=2):
        cells = []
        for column, value in enumerate(values):
            cell, width = _cell(value)
            cells.append(cell)
            if column < len(widths) and width > widths[column]:
                widths[column] = width
        letters += [xlsx.column_letter(column) for column in range(len(letters), len(cells))]
        lines.append(xlsx.row_xml(number, letters, cells))
    fitted = [min(max(width + 1, NARROWEST), WIDEST) for width in widths]
    return xlsx.workbook_bytes(_sheet_name(title), lines, fitted)


def _sheet_name(title: str) -> str:
    """A name Excel accepts for a sheet: at most 31 characters, none of []:*?/\\."""
    return printable(title).translate(SHEET_NAME_FORBIDDEN)[:31] or "Sheet"


def xlsx_response(
    headers: Sequence[str], rows: Iterable[Sequence[Value]], filename: str, title: str
) -> Response:
    """An XLSX of the table, as a private download."""
    return private_download(xlsx_bytes(headers, rows, title), XLSX_MIMETYPE, filename)
