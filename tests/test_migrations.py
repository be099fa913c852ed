"""The schema comes from migrations: empty to head on both engines, and no drift."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect, text

from tests.helpers.app import make_app
from tests.helpers.database import POSTGRES_URL, fresh_postgres_database
from trainer.extensions import db, render_migration_type


def upgrade_and_compare(database_url: str) -> tuple[set[str], list]:
    app = make_app(database_url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_item": render_migration_type}
            )
            differences = compare_metadata(context, db.metadata)
        db.engine.dispose()
    return tables, differences


def test_sqlite_empty_to_head_matches_the_models(tmp_path):
    tables, differences = upgrade_and_compare(f"sqlite:///{tmp_path}/empty.sqlite")
    assert {"alembic_version", "users", "centres", "centre_managers"} <= tables
    assert differences == []


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="TRAINER_TEST_DATABASE_URL is not set")
def test_postgresql_empty_to_head_matches_the_models():
    with fresh_postgres_database(POSTGRES_URL) as url:
        tables, differences = upgrade_and_compare(url)
    assert {"alembic_version", "users", "centres", "centre_managers"} <= tables
    assert differences == []


def test_module_summaries_keep_their_rows_through_the_rename(tmp_path):
    """0009 moves module_progress to module_summaries: every learner's summary survives."""
    app = make_app(f"sqlite:///{tmp_path}/summaries.sqlite")
    row = {"user_id": 1, "module_id": "recognising", "lessons_done": 3, "best_score": 80.0}
    with app.app_context():
        upgrade(revision="0008_request_limits")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, email, name, role, locale, is_active,"
                    " session_version, created_at) VALUES (1, 'a@example.org', 'A', 'learner',"
                    " 'fi', true, 0, '2026-11-01 09:00:00+00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO module_progress (user_id, module_id, lessons_done, best_score,"
                    " quiz_passed, last_activity_at) VALUES (:user_id, :module_id,"
                    " :lessons_done, :best_score, true, '2026-11-01 10:00:00+00:00')"
                ),
                row,
            )
        upgrade()
        with db.engine.connect() as connection:
            moved = connection.execute(
                text("SELECT user_id, module_id, lessons_done, best_score FROM module_summaries")
            ).all()
            tables = set(inspect(connection).get_table_names())
        db.engine.dispose()
    assert moved == [tuple(row.values())]
    assert "module_progress" not in tables


def test_migrating_inside_a_running_app_leaves_its_log_on(tmp_path):
    """Alembic's logging setup once switched off every logger that existed before it
    (the app's among them): an e-mail logged afterwards went nowhere."""
    app = make_app(f"sqlite:///{tmp_path}/logging.sqlite")
    assert not app.logger.disabled
    with app.app_context():
        upgrade()
        db.engine.dispose()
    assert not app.logger.disabled
