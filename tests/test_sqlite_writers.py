"""SQLite with several writers at once (gunicorn workers, the job worker): a request that
reads and then writes waits its turn instead of failing, and a guarded insert is part of
the request's transaction."""

import sqlite3
import threading
import time

import pytest
from sqlalchemy import func, select, text

from trainer.extensions import db
from trainer.modules.accounts.models import Centre


@pytest.fixture(autouse=True)
def sqlite_only(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's locking; PostgreSQL locks rows")


def centres() -> int:
    return db.session.scalar(select(func.count()).select_from(Centre))


def test_a_guarded_insert_after_a_read_waits_for_another_writer(app):
    """The read happens, another connection starts writing, then the insert: without
    the write lock taken first, SQLite answers 'database is locked' at once (the 500s
    the capacity benchmark found when learners marked lessons read)."""
    request_has_read, other_is_writing = threading.Event(), threading.Event()
    path = db.engine.url.database

    def other_writer() -> None:
        request_has_read.wait(10)
        other = sqlite3.connect(path, timeout=10)
        other_is_writing.set()
        other.execute("INSERT INTO centres (name, created_at) VALUES ('Other', '2026-01-01')")
        other.commit()
        other.close()

    before = centres()
    db.session.commit()
    writer = threading.Thread(target=other_writer)
    writer.start()
    with db.session.begin_nested():  # as operations guard an insert
        db.session.execute(text("SELECT COUNT(*) FROM centres")).scalar()
        request_has_read.set()
        other_is_writing.wait(10)
        time.sleep(0.2)  # the other connection is now writing, or waiting to
        db.session.add(Centre(name="Mine"))
    db.session.commit()
    writer.join(10)
    assert centres() == before + 2


def test_a_released_savepoint_is_undone_with_the_transaction(app):
    """Releasing the savepoint does not commit on its own: the request's rollback (an
    error later in the same view) takes the guarded insert back too."""
    before = centres()
    db.session.commit()
    with db.session.begin_nested():
        db.session.add(Centre(name="Undone"))
    db.session.rollback()
    assert centres() == before
