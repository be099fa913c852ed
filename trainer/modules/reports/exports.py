"""The dashboard's table as a file: CSV that Excel opens right, and XLSX.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, or a tab or
carriage return) are neutralised in CSV with a leading apostrophe; in XLSX every text
cell is stored as text (type "s"), which no spreadsheet evaluates.
"""

import csv
import io
from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from trainer.core.inputs import printable
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.models import Status as CertificateStatus
from trainer.modules.courses import Course
from trainer.modules.reports.labels import certificate_status_label, status_label
from trainer.modules.reports.progress import PersonRow, Status

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Value = str | int | float | date | datetime | None


class _Words(NamedTuple):
    """Every translated word of the cells, looked up once an export, not once a cell."""

    status: dict[Status, str]
    certificate: dict[CertificateStatus, str]
    yes_no: dict[bool, str]
    zone: ZoneInfo

    @classmethod
    def current(cls) -> "_Words":
        return cls(
            status={status: status_label(status) for status in Status},
            certificate={status: certificate_status_label(status) for status in CertificateStatus},
            yes_no={True: _("yes"), False: _("no")},
            zone=ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]),
        )


def _local(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    """Spreadsheets know no time zones: local wall-clock time, without one."""
    if moment is None:
        return None
    return moment.astimezone(zone).replace(tzinfo=None, microsecond=0)


def _header(course: Course) -> list[Value]:
    return [
        _("Name"),
        _("E-mail"),
        _("Centre"),
        _("Status"),
        _("Overdue"),
        _("Progress %"),
        _("Modules done"),
        *(_("Best score: %(module)s", module=module.title) for module in course.modules),
        _("Last activity"),
        _("Due date"),
        _("Certificate code"),
        _("Certificate status"),
        _("Certificate valid until"),
    ]


def _record(row: PersonRow, scores: dict[str, float], course: Course, words: _Words) -> list[Value]:
    certificate = row.certificate
    return [
        row.name,
        row.email,
        row.centre_name or "",
        words.status[row.status],
        words.yes_no[row.is_overdue],
        row.percent,
        row.modules_done,
        *(_rounded(scores.get(module.id)) for module in course.modules),
        _local(row.last_activity, words.zone),
        row.due_on,
        display_code(certificate.code) if certificate else "",
        words.certificate[certificate.status] if certificate else "",
        _local(certificate.expires_at, words.zone).date() if certificate else None,
    ]


def table(
    rows: list[PersonRow], scores: dict[int, dict[str, float]], course: Course
) -> list[list[Value]]:
    """The header, then a line a person, with each module's best score in a column."""
    words = _Words.current()
    return [_header(course), *(_record(row, scores.get(row.id, {}), course, words) for row in rows)]


def _rounded(score: float | None) -> int | None:
    return None if score is None else round(score)


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(value) if isinstance(value, str) else str(value)


def csv_bytes(rows: list[list[Value]], delimiter: str) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads the letters right."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for values in rows:
        writer.writerow([_csv_text(value) for value in values])
    return out.getvalue().encode("utf-8-sig")


def _xlsx_value(sheet, value: Value) -> Value | Cell:
    """The value as is, but text that openpyxl would store as a formula stored as text,
    and control characters (which XML 1.0 cannot hold: openpyxl refuses the whole
    file) shown as U+FFFD, for names stored before the input rules refused them."""
    if isinstance(value, str):
        value = printable(value)
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _header_cell(sheet, title: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=printable(title))
    cell.data_type = "s"
    cell.font = Font(bold=True)
    return cell


def xlsx_bytes(rows: list[list[Value]], title: str) -> bytes:
    """A workbook of one sheet; the first row is the header."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    header, *records = rows
    sheet.append([_header_cell(sheet, name) for name in header])
    for values in records:
        sheet.append([_xlsx_value(sheet, value) for value in values])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
