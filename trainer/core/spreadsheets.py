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
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

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
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, float | Decimal):
            # Fixed notation ("0.00001", never "1e-05"), with this language's decimal mark.
            return format(Decimal(repr(value)) if isinstance(value, float) else value, "f").replace(
                ".", self.decimal_mark
            )
        if isinstance(value, int):
            return str(value)
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


def _width(value: Value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len("2000-01-01 00:00")
    if isinstance(value, date):
        return len("2000-01-01")
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[Value]]) -> list[int]:
    """Each column's width in characters: its longest cell's, within NARROWEST..WIDEST."""
    widths = [_width(str(header)) + FILTER_BUTTON for header in headers]
    for values in rows:
        for column, value in enumerate(values[: len(widths)]):
            widths[column] = max(widths[column], _width(value))
    return [min(max(width + 1, NARROWEST), WIDEST) for width in widths]


def _xlsx_cell(sheet, value: Value) -> Value | Cell:
    """The value as is, but text stored as text (openpyxl would store "=..." as a
    formula), and control characters (which XML 1.0 cannot hold: openpyxl refuses the
    whole file) shown as U+FFFD, for names stored before the input rules refused them."""
    if not isinstance(value, str):
        return value
    return _text_cell(sheet, value)


def _text_cell(sheet, text: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=printable(text))
    cell.data_type = "s"
    return cell


def _header_cell(sheet, title: str) -> Cell:
    cell = _text_cell(sheet, str(title))
    cell.font = Font(bold=True)
    return cell


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Value]], title: str) -> bytes:
    """A workbook of one sheet named `title`: a bold header row that stays in view, a
    filter over the whole table, and columns as wide as their content."""
    records = list(rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(printable(title)[:31] or "Sheet")
    for column, width in enumerate(column_widths(headers, records), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(headers), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(records) + 1}"
    sheet.append([_header_cell(sheet, header) for header in headers])
    for values in records:
        sheet.append([_xlsx_cell(sheet, value) for value in values])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(
    headers: Sequence[str], rows: Iterable[Sequence[Value]], filename: str, title: str
) -> Response:
    """An XLSX of the table, as a private download."""
    return private_download(xlsx_bytes(headers, rows, title), XLSX_MIMETYPE, filename)
