"""0010 puts everything recorded before cycles into cycle 1 and keeps every certificate."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from tests.helpers.app import make_app
from tests.helpers.database import POSTGRES_URL, fresh_postgres_database
from trainer.extensions import db

ROWS = [
    "INSERT INTO users (id, email, name, role, locale, is_active, session_version, created_at)"
    " VALUES (1, 'a@example.org', 'A', 'learner', 'fi', true, 1, '2026-01-01 09:00:00+00:00')",
    "INSERT INTO lesson_progress (id, user_id, module_id, lesson_id, done_at)"
    " VALUES (1, 1, 'recognising', 'intro', '2026-01-02 09:00:00+00:00')",
    "INSERT INTO quiz_attempts (id, user_id, module_id, content_version, language, drawn,"
    " pass_mark, score, is_passed, started_at, submitted_at) VALUES (1, 1, 'recognising',"
    " 'v1', 'fi', '[]', 80, 90, true, '2026-01-02 10:00:00+00:00',"
    " '2026-01-02 10:05:00+00:00')",
    "INSERT INTO course_completions (id, user_id, completed_at)"
    " VALUES (1, 1, '2026-01-03 09:00:00+00:00')",
    "INSERT INTO certificates (id, code, user_id, completion_id, language, issued_at,"
    " expires_at, snapshot) VALUES (1, 'ABCDEFGHJKLMNPQR', 1, 1, 'fi',"
    " '2026-01-03 09:00:00+00:00', '2028-01-03 09:00:00+00:00', '{}')",
]


def _migrate_with_rows(url: str) -> dict[str, list]:
    app = make_app(url)
    with app.app_context():
        upgrade(revision="0009_module_summaries")
        with db.engine.begin() as connection:
            for row in ROWS:
                connection.execute(text(row))
        upgrade()
        with db.engine.connect() as connection:
            found = {
                table: connection.execute(text(f"SELECT cycle FROM {table}")).scalars().all()  # noqa: S608
                for table in ("users", "lesson_progress", "quiz_attempts", "course_completions")
            }
            found["certificates"] = (
                connection.execute(text("SELECT completion_id FROM certificates")).scalars().all()
            )
            found["foreign_keys"] = (
                connection.execute(text("PRAGMA foreign_keys")).scalars().all()
                if db.engine.dialect.name == "sqlite"
                else [1]
            )
        downgrade(revision="0009_module_summaries")
        with db.engine.connect() as connection:
            found["after_downgrade"] = (
                connection.execute(text("SELECT id FROM certificates")).scalars().all()
            )
        db.engine.dispose()
    return found


def _check(found: dict[str, list]) -> None:
    for table in ("users", "lesson_progress", "quiz_attempts", "course_completions"):
        assert found[table] == [1], table
    assert found["certificates"] == [1]
    assert found["foreign_keys"] == [1]
    assert found["after_downgrade"] == [1]


def test_sqlite_rows_join_cycle_one_and_certificates_survive(tmp_path):
    _check(_migrate_with_rows(f"sqlite:///{tmp_path}/cycles.sqlite"))


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="TRAINER_TEST_DATABASE_URL is not set")
def test_postgresql_rows_join_cycle_one_and_certificates_survive():
    with fresh_postgres_database(POSTGRES_URL) as url:
        _check(_migrate_with_rows(url))
