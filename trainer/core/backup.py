"""`trainer db backup PATH`: a consistent copy of a live SQLite database, verified."""

import sqlite3
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_migrate.cli import db as db_commands

from trainer.extensions import db


class BackupError(RuntimeError):
    """The backup could not be made or did not verify; the message says why."""


def backup_sqlite(source: Path, target: Path) -> None:
    """Copy with SQLite's online backup (safe while the app writes), then check the copy."""
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
    with sqlite3.connect(target) as copy:
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        target.unlink()
        raise BackupError(f"the copy failed its integrity check ({verdict}); nothing was kept.")


@db_commands.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Back up the SQLite database to PATH and verify the copy."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise click.ClickException(
            "trainer db backup copies SQLite databases; for PostgreSQL use pg_dump "
            "(see docs/operations.md)."
        )
    try:
        backup_sqlite(Path(url.database), path)
    except (BackupError, sqlite3.Error) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up to {path} and verified (integrity_check: ok).")
