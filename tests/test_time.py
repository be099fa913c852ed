"""Times are stored in UTC and read back in UTC's own tzinfo, on either engine."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import literal, select, text

from trainer.core.time import UTCDateTime
from trainer.extensions import db


def test_a_time_comes_back_as_written_in_utc_whatever_the_database_s_zone(app):
    """PostgreSQL's driver gives a time in the session's zone, SQLite gives no zone; either
    way the time read is the one written, in UTC's own tzinfo (thousands of comparisons
    per report cost a zone lookup each otherwise)."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET TIME ZONE 'Europe/Helsinki'"))
    written = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)
    in_helsinki = written.astimezone(ZoneInfo("Europe/Helsinki"))  # the same moment
    for value in (written, in_helsinki, written + timedelta(microseconds=1)):
        read = db.session.scalar(select(literal(value, UTCDateTime())))
        assert read == value
        assert read.tzinfo is UTC
