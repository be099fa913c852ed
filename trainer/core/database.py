"""Engine set-up: SQLite pragmas on every connection, read-only views, the health probe."""

import re
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from flask import Flask
from sqlalchemy import Delete, Update, event, text
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from trainer.extensions import db

READ_ONLY = "trainer_read_only"


def configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL, a busy timeout and foreign keys for every SQLite connection; a savepoint
    opened outside a transaction first takes the write lock."""

    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "savepoint")
    def write_lock_first(connection, _name):
        # Operations guard an insert with a savepoint (begin_nested) and read inside it.
        # Opened outside a transaction, SAVEPOINT begins a deferred one, and a deferred
        # transaction that has read cannot wait for another writer in WAL mode: SQLite
        # answers "database is locked" at once, whatever the busy timeout (seen with a
        # few hundred learners marking lessons read). BEGIN IMMEDIATE takes the write
        # lock first, waiting for it as long as the busy timeout allows; it also makes
        # the savepoint's release part of the request's transaction, not a commit of its
        # own. Only a savepoint does this: plain reads stay outside any transaction
        # (the driver begins one just before the first write), so a request holds the
        # lock only from its first guarded write to its commit.
        driver = connection.connection.driver_connection
        if not driver.in_transaction:
            driver.execute("BEGIN IMMEDIATE")


def init_database(app: Flask) -> None:
    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])


def read_only(view: Callable) -> Callable:
    """For views that only read, put above @login_required: their queries (and the
    sign-in check) run without a transaction, which spares PostgreSQL a BEGIN and a
    ROLLBACK round trip per page. A write attempted in one fails instead of being
    committed statement by statement."""

    @wraps(view)
    def without_transaction(*args, **kwargs):
        if db.session().in_transaction():  # a hook before the view may have read already
            connection = db.session.connection()
        else:
            connection = db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        # Marks the connection until it goes back to the pool: every statement sent
        # through it is checked, whether from the ORM, a Core insert or text().
        connection.info[READ_ONLY] = True
        db.session.info[READ_ONLY] = True
        return view(*args, **kwargs)

    return without_transaction


class ReadOnlyViolation(RuntimeError):
    """A read-only view tried to write."""

    def __init__(self) -> None:
        super().__init__("a read-only view tried to write to the database")


@event.listens_for(Session, "before_flush")
def refuse_writes_when_read_only(session: Session, _context, _instances) -> None:
    if session.info.get(READ_ONLY) and (session.new or session.dirty or session.deleted):
        raise ReadOnlyViolation()


# What a statement may start with in a read-only view; anything else is refused.
_READING = frozenset({"SELECT", "WITH", "SHOW", "EXPLAIN", "VALUES"})
_WRITING = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)


def is_write(statement: str, context) -> bool:
    """Whether SQL about to be sent may change the database (DML, DDL or unknown)."""
    if context is not None and (
        context.isinsert or context.isupdate or context.isdelete or context.isddl
    ):
        return True
    words = statement.lstrip(" \t\r\n(").split(None, 1)
    first = words[0].upper() if words else ""
    if first not in _READING:
        return True
    return first == "WITH" and _WRITING.search(statement) is not None


@event.listens_for(Engine, "before_cursor_execute")
def refuse_write_statements_when_read_only(
    connection, _cursor, statement, _parameters, context, _executemany
) -> None:
    if connection.info.get(READ_ONLY) and is_write(statement, context):
        raise ReadOnlyViolation()


@event.listens_for(Pool, "checkin")
def forget_read_only(_dbapi_connection, record) -> None:
    if record is not None:
        record.info.pop(READ_ONLY, None)


def database_is_up() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return False
    return True


def changed_rows(statement: Update | Delete) -> int:
    """Run an UPDATE or DELETE in the session and return how many rows it changed.

    The session returns a CursorResult for these but declares a plain Result, which has
    no rowcount (sqlalchemy#12913), hence the cast.
    """
    return cast(CursorResult[Any], db.session.execute(statement)).rowcount
