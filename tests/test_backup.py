"""`trainer db backup`: a verified copy that a restore can start from."""

import sqlite3

import pytest
from sqlalchemy import select

from tests.helpers.app import make_app
from tests.helpers.database import POSTGRES_URL
from trainer.extensions import db
from trainer.modules.accounts.models import User

pytestmark = pytest.mark.skipif(
    bool(POSTGRES_URL), reason="backs up SQLite; PostgreSQL uses pg_dump"
)


def test_backup_copies_the_live_database_and_restores(app, runner, users, tmp_path):
    target = tmp_path / "backups" / "trainer-backup.sqlite"
    result = runner.invoke(args=["db", "backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "verified" in result.output
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    restored = make_app(f"sqlite:///{target}")
    with restored.app_context():
        emails = set(db.session.scalars(select(User.email)))
        db.engine.dispose()
    assert emails == {u.email for u in users.values()}


def test_backup_refuses_to_overwrite(runner, tmp_path):
    target = tmp_path / "exists.sqlite"
    target.write_text("keep me")
    result = runner.invoke(args=["db", "backup", str(target)])
    assert result.exit_code == 1
    assert "exists already" in result.output
    assert target.read_text() == "keep me"
