"""The schema comes from migrations: empty to head on both engines, and no drift."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect

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
