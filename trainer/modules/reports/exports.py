"""The dashboard's table for a spreadsheet: a header and a line a person, in the
reader's language; trainer.core.spreadsheets writes it as CSV or XLSX."""

from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _

from trainer.core.spreadsheets import Value
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.models import Status as CertificateStatus
from trainer.modules.courses import Course
from trainer.modules.cycles.status import CycleStatus
from trainer.modules.reports.progress import PersonRow, Status


class _Words(NamedTuple):
    """Every translated word of the cells, looked up once an export, not once a cell."""

    status: dict[Status, str]
    certificate: dict[CertificateStatus, str]
    yes_no: dict[bool, str]
    cycle: dict[CycleStatus, str]
    zone: ZoneInfo

    @classmethod
    def current(cls) -> "_Words":
        return cls(
            status={status: status.label for status in Status},
            certificate={status: status.label for status in CertificateStatus},
            yes_no={True: _("yes"), False: _("no")},
            cycle={status: status.label for status in CycleStatus},
            zone=ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]),
        )


def _local(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    return None if moment is None else _wall_clock(moment, zone)


def _wall_clock(moment: datetime, zone: ZoneInfo) -> datetime:
    """Spreadsheets know no time zones: local wall-clock time, without one."""
    return moment.astimezone(zone).replace(tzinfo=None, microsecond=0)


def _header(course: Course) -> list[str]:
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
        _("Certification"),
        _("Modules to retake"),
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
        _wall_clock(certificate.expires_at, words.zone).date() if certificate else None,
        words.cycle[row.cycle],
        ", ".join(_title(course, module_id) for module_id in row.retakes),
    ]


def _title(course: Course, module_id: str) -> str:
    module = course.module(module_id)
    return module.title if module else module_id


def table(
    rows: list[PersonRow], scores: dict[int, dict[str, float]], course: Course
) -> tuple[list[str], list[list[Value]]]:
    """The header, and a line a person with each module's best score in a column."""
    words = _Words.current()
    return _header(course), [_record(row, scores.get(row.id, {}), course, words) for row in rows]


def _rounded(score: float | None) -> int | None:
    return None if score is None else round(score)
