"""Engine set-up: SQLite pragmas on every connection, read-only views, the health probe."""

from collections.abc import Callable
from functools import wraps

from flask import Flask
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from trainer.extensions import db

READ_ONLY = "trainer_read_only"


def configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL, a busy timeout and foreign keys for every SQLite connection."""

    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


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
        if not db.session().in_transaction():  # a hook before the view may have read already
            db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        db.session.info[READ_ONLY] = True
        return view(*args, **kwargs)

    return without_transaction


@event.listens_for(Session, "before_flush")
def refuse_writes_when_read_only(session: Session, _context, _instances) -> None:
    if session.info.get(READ_ONLY) and (session.new or session.dirty or session.deleted):
        raise RuntimeError("a read-only view tried to write to the database")


def database_is_up() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return False
    return True
