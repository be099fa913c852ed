"""UTC-aware time, stored as such on every engine, and a clock tests can move."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

# Where the clock stands when a test has moved it: None is the real time.
_travelled: timedelta | None = None


def utcnow() -> datetime:
    now = datetime.now(UTC)
    return now + _travelled if _travelled is not None else now


@contextmanager
def travel_to(moment: datetime) -> Iterator[None]:
    """Run the block as if it were `moment` (UTC-aware), time still passing from there:
    for tests of what happens months later (renewal windows, expiries). Nested travels
    restore the outer one."""
    global _travelled
    if moment.tzinfo is None:
        raise ValueError("naive datetime refused: travel to a UTC-aware moment")
    outer = _travelled
    _travelled = moment - datetime.now(UTC)
    try:
        yield
    finally:
        _travelled = outer


class UTCDateTime(TypeDecorator):
    """A timezone-aware datetime, read back in UTC's own tzinfo: SQLite hands back naive
    values, PostgreSQL's driver values in the session's zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime refused: use trainer.core.time.utcnow()")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is None or value.tzinfo is UTC:
            return value
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        # PostgreSQL's driver gives the session's zone (a ZoneInfo): in UTC's own tzinfo,
        # comparisons need no zone lookups (7 µs each otherwise, thousands per report).
        return value.astimezone(UTC)
