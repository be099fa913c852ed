"""The `trainer` command: Flask's CLI on the app factory.

App commands (db, demo, users, run) load the app; `content check` works without one,
so it can report broken content that would stop the app from starting.
"""

import click
from flask.cli import FlaskGroup

from trainer import create_app
from trainer.modules.courses.cli import content


@click.group(cls=FlaskGroup, create_app=create_app)
def main() -> None:
    """Manage the trainer platform: database, content, accounts, demo data."""


main.add_command(content)
