"""The dashboard's table: filters and sorting read from the address, the summary, pages.

Rows arrive all at once from one query (progress.people_progress); filtering, sorting
and paging them here keeps the number of queries fixed, and the summary always counts
the whole scope, whatever the table shows.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from math import ceil
from typing import Any

from trainer.core.inputs import page_number, whole_number
from trainer.core.time import utcnow
from trainer.modules.certificates.models import Status as CertificateStatus
from trainer.modules.cycles.status import CycleStatus
from trainer.modules.reports.progress import PersonRow, Status

PAGE_SIZE = 50
EXPIRY_WARNING = timedelta(days=60)
OVERDUE = "overdue"
NOT_COMPLETED = "not-completed"
STATUS_FILTERS = (*(status.value for status in Status), NOT_COMPLETED, OVERDUE)
CYCLE_FILTERS = tuple(status.value for status in CycleStatus)
_STATUS_ORDER = {Status.NOT_STARTED: 0, Status.IN_PROGRESS: 1, Status.COMPLETED: 2}
# Each key gives a value comparable with the same key of another row, or None.
SORT_KEYS: dict[str, Callable[[PersonRow], Any]] = {
    "name": lambda row: row.name.casefold(),
    "email": lambda row: row.email,
    "centre": lambda row: (row.centre_name or "").casefold(),
    "status": lambda row: (_STATUS_ORDER[row.status], row.percent),
    "progress": lambda row: row.percent,
    "modules": lambda row: row.modules_done,
    "scores": lambda row: row.score_total,
    "activity": lambda row: row.last_activity,
    "due": lambda row: row.due_on,
    "certificate": lambda row: row.certificate.expires_at if row.certificate else None,
    "cycle": lambda row: row.cycle.value,
}


@dataclass(frozen=True)
class Filters:
    status: str = ""
    cycle: str = ""
    centre_id: int | None = None
    search: str = ""
    sort: str = "name"
    descending: bool = False
    page: int = 1

    def args(self, **changes) -> dict[str, object]:
        """The address's query arguments for these filters, with some changed."""
        changed = replace(self, **changes)
        values = {
            "status": changed.status,
            "cycle": changed.cycle,
            "centre": changed.centre_id,
            "q": changed.search,
            "sort": changed.sort if changed.sort != "name" else "",
            "order": "desc" if changed.descending else "",
            "page": changed.page if changed.page > 1 else "",
        }
        return {key: value for key, value in values.items() if value}


def parse_filters(args: Mapping[str, str]) -> Filters:
    """Filters from the address; anything not understood falls back to the default."""
    status, cycle = args.get("status", ""), args.get("cycle", "")
    sort = args.get("sort", "")
    return Filters(
        status=status if status in STATUS_FILTERS else "",
        cycle=cycle if cycle in CYCLE_FILTERS else "",
        centre_id=whole_number(args.get("centre"), minimum=1),
        search=args.get("q", "").strip()[:200],
        sort=sort if sort in SORT_KEYS else "name",
        descending=args.get("order") == "desc",
        page=page_number(args),
    )


@dataclass(frozen=True)
class Summary:
    people: int
    completed: int
    not_completed: int
    in_progress: int
    not_started: int
    overdue: int
    expiring: int


def _expires_soon(row: PersonRow, now: datetime) -> bool:
    certificate = row.certificate
    return (
        certificate is not None
        and certificate.status is CertificateStatus.VALID
        and certificate.expires_at < now + EXPIRY_WARNING
    )


def summarise(rows: list[PersonRow]) -> Summary:
    now = utcnow()
    by_status = {status: 0 for status in Status}
    for row in rows:
        by_status[row.status] += 1
    return Summary(
        people=len(rows),
        completed=by_status[Status.COMPLETED],
        not_completed=len(rows) - by_status[Status.COMPLETED],
        in_progress=by_status[Status.IN_PROGRESS],
        not_started=by_status[Status.NOT_STARTED],
        overdue=sum(1 for row in rows if row.is_overdue),
        expiring=sum(1 for row in rows if _expires_soon(row, now)),
    )


def _has_status(row: PersonRow, wanted: str) -> bool:
    if wanted == OVERDUE:
        return row.is_overdue
    if wanted == NOT_COMPLETED:
        return row.status is not Status.COMPLETED
    return not wanted or row.status == wanted


def _matches(row: PersonRow, filters: Filters) -> bool:
    if not _has_status(row, filters.status):
        return False
    if filters.cycle and row.cycle != filters.cycle:
        return False
    needle = filters.search.casefold()
    return not needle or needle in row.name.casefold() or needle in row.email


def choose(rows: list[PersonRow], filters: Filters) -> list[PersonRow]:
    """The rows the filters keep, sorted; empty values last in either direction."""
    kept = sorted(
        (row for row in rows if _matches(row, filters)),
        key=lambda row: (row.name.casefold(), row.id),
    )
    if filters.sort == "name" and not filters.descending:
        return kept  # already in that order
    key = SORT_KEYS[filters.sort]
    present = [row for row in kept if key(row) is not None]
    missing = [row for row in kept if key(row) is None]
    return sorted(present, key=key, reverse=filters.descending) + missing


@dataclass(frozen=True)
class Page:
    rows: list[PersonRow]
    number: int
    count: int
    total: int

    def numbers(self) -> list[int | None]:
        """The pages to link: first, last, and two either side of this one; None for a gap."""
        shown = sorted({1, self.count, *range(self.number - 2, self.number + 3)})
        numbers: list[int | None] = []
        for number in (n for n in shown if 1 <= n <= self.count):
            if numbers and number - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(number)
        return numbers


def page_of(rows: list[PersonRow], number: int) -> Page:
    count = max(ceil(len(rows) / PAGE_SIZE), 1)
    number = min(number, count)
    start = (number - 1) * PAGE_SIZE
    return Page(rows[start : start + PAGE_SIZE], number, count, len(rows))
