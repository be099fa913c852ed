"""Throw-away databases for the tests: a SQLite file, or a fresh PostgreSQL database."""

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url

POSTGRES_URL = os.environ.get("TRAINER_TEST_DATABASE_URL", "")


def engine_name() -> str:
    return "postgresql" if POSTGRES_URL else "sqlite"


@contextmanager
def fresh_postgres_database(server_url: str) -> Iterator[str]:
    """Create an empty database on the server of `server_url`, yield its URL, drop it."""
    name = f"trainer_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def copy_sqlite(template: Path, target: Path) -> str:
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


@dataclass(frozen=True)
class Statement:
    sql: str
    isolation_level: str | None  # as set on the connection; None means the default


@contextmanager
def recorded_statements(engine: Engine) -> Iterator[list[Statement]]:
    """Every SQL statement `engine` runs inside the block."""
    statements: list[Statement] = []

    def record(connection, _cursor, sql, *_rest) -> None:
        level = connection.get_execution_options().get("isolation_level")
        statements.append(Statement(sql, level))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
