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

import xlsxwriter
from flask import Response
from flask_babel import get_locale
from xlsxwriter.worksheet import Worksheet

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


@dataclass(frozen=True)
class _Formats:
    header: xlsxwriter.format.Format
    moment: xlsxwriter.format.Format
    day: xlsxwriter.format.Format


def _write_cell(sheet: Worksheet, row: int, column: int, value: Value, formats: _Formats) -> int:
    """Writes a cell and returns its width in characters. Text always as text
    (write_string never makes a formula of "=..."), with control characters (which XML
    1.0 cannot hold) shown as U+FFFD, for names stored before the input rules refused
    them; dates as dates; nothing for None."""
    if isinstance(value, str):
        text = printable(value)
        sheet.write_string(row, column, text)
        return _width(text)
    if isinstance(value, datetime):
        sheet.write_datetime(row, column, value, formats.moment)
        return len("2000-01-01 00:00")
    if isinstance(value, date):
        sheet.write_datetime(row, column, value, formats.day)
        return len("2000-01-01")
    if value is None:
        return 0
    sheet.write_number(row, column, value)
    return len(str(value))


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Value]], title: str) -> bytes:
    """A workbook of one sheet named `title`: a bold header row that stays in view, a
    filter over the whole table, and columns as wide as their longest cell (within
    NARROWEST..WIDEST characters)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(printable(title)[:31] or "Sheet")
    formats = _Formats(
        header=book.add_format({"bold": True}),
        moment=book.add_format({"num_format": "yyyy-mm-dd h:mm:ss"}),
        day=book.add_format({"num_format": "yyyy-mm-dd"}),
    )
    widths = []
    for column, header in enumerate(headers):
        sheet.write_string(0, column, printable(str(header)), formats.header)
        widths.append(_width(str(header)) + FILTER_BUTTON)
    count = 0
    for count, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            width = _write_cell(sheet, count, column, value, formats)
            if column < len(widths) and width > widths[column]:
                widths[column] = width
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(max(width + 1, NARROWEST), WIDEST))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, count, max(len(headers), 1) - 1)
    book.close()
    return out.getvalue()


def xlsx_response(
    headers: Sequence[str], rows: Iterable[Sequence[Value]], filename: str, title: str
) -> Response:
    """An XLSX of the table, as a private download."""
    return private_download(xlsx_bytes(headers, rows, title), XLSX_MIMETYPE, filename)
