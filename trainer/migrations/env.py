"""Alembic environment, run through Flask-Migrate with the app's engine and metadata."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name is not None:
    # Leave the app's own loggers on: a migration run inside a process that already
    # has an app (the tests, an upgrade from code) must not silence it.
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

extension = current_app.extensions["migrate"]
target_metadata = extension.db.metadata


def skip_empty_revisions(context, revision, directives):
    """`trainer db migrate` with no model change writes no empty migration."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_offline() -> None:
    url = extension.db.engine.url.render_as_string(hide_password=False)
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    options = dict(extension.configure_args)
    options.setdefault("process_revision_directives", skip_empty_revisions)
    with extension.db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, **options)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
