"""Commands of the app, registered on app.cli: `trainer demo`, `trainer users create`."""

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from trainer.core.i18n import LANGUAGES
from trainer.extensions import db
from trainer.modules.accounts.models import ROLES

users = AppGroup("users", help="Create accounts from the command line (the first admin, say).")


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Seed the demo centres, accounts and staff (password: demopassword). Idempotent."""
    from trainer.modules.accounts.demo import DEMO_CENTRES, DEMO_PASSWORD, seed_demo_accounts
    from trainer.modules.reports.demo import seed_demo_staff

    accounts = seed_demo_accounts()
    staff = seed_demo_staff(DEMO_CENTRES[0], DEMO_PASSWORD)
    db.session.commit()
    for user in accounts:
        click.echo(f"{user.role:8} {user.email}  password: {DEMO_PASSWORD}")
    click.echo(f"{staff} demo staff added to {DEMO_CENTRES[0]}.")


@users.command("create")
@click.argument("email")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="learner")
@click.option("--language", "locale", type=click.Choice(LANGUAGES), default="fi")
@click.password_option(help="The account's password (asked for when not given).")
def create_user(email: str, name: str, role: str, locale: str, password: str) -> None:
    """Create an account: trainer users create EMAIL NAME --role admin."""
    from trainer.modules.accounts.operations import AccountError
    from trainer.modules.accounts.operations import create_user as create

    try:
        user = create(email=email, name=name, role=role, locale=locale, password=password)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}.")


def register_commands(app: Flask) -> None:
    from trainer.core import backup  # noqa: F401 - adds `trainer db backup`
    from trainer.modules.reports.commands import reminders

    app.cli.add_command(demo)
    app.cli.add_command(users)
    app.cli.add_command(reminders)
