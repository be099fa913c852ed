"""A consistent copy of a live SQLite database, verified (`trainer db backup PATH`)."""

import sqlite3
from pathlib import Path

from sqlalchemy.engine import URL


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


def backup_database(url: URL, target: Path) -> None:
    """Back up the app's database at `url` to `target`: SQLite only."""
    if url.get_backend_name() != "sqlite" or not url.database:
        raise BackupError(
            "trainer db backup copies SQLite databases; for PostgreSQL use pg_dump "
            "(see docs/operations.md)."
        )
    backup_sqlite(Path(url.database), target)
