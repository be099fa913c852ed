"""Commands of the app, registered on app.cli: `trainer demo`, `trainer users create`,
`trainer audit prune`."""

from datetime import timedelta

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from trainer.core.i18n import LANGUAGES
from trainer.extensions import db
from trainer.modules.accounts.models import ROLES

users = AppGroup("users", help="Create accounts from the command line (the first admin, say).")
audit_cli = AppGroup("audit", help="The audit log: `trainer audit prune` for cron.")


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Seed the demo centres, accounts and staff (password: demopassword). Idempotent."""
    if current_app.config["ENV"] == "production":
        raise click.ClickException(
            "trainer demo adds accounts whose password is published, so it does not run "
            "with TRAINER_ENV=production. Use a development database (TRAINER_ENV=development)."
        )
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


@audit_cli.command("prune")
@click.option(
    "--days",
    type=click.IntRange(min=0, max=36500),
    default=None,
    help="Keep this many days (default: TRAINER_FAILED_SIGN_IN_RETENTION_DAYS).",
)
@with_appcontext
def prune_audit(days: int | None) -> None:
    """Delete failed sign-ins older than the retention period (for cron, daily)."""
    from trainer.core.audit import prune_failed_sign_ins

    if days is None:
        days = current_app.config["FAILED_SIGN_IN_RETENTION_DAYS"]
    deleted = prune_failed_sign_ins(timedelta(days=days))
    db.session.commit()
    click.echo(f"Deleted {deleted} failed sign-ins older than {days} days.")


def register_commands(app: Flask) -> None:
    from trainer.core import backup  # noqa: F401 - adds `trainer db backup`
    from trainer.core.worker import mail_cli
    from trainer.modules.reports.commands import reminders

    app.cli.add_command(demo)
    app.cli.add_command(users)
    app.cli.add_command(audit_cli)
    app.cli.add_command(reminders)
    app.cli.add_command(mail_cli)
