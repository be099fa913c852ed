"""The `trainer` command: every command in one place, each a thin wrapper over a module's
function. Flask's CLI on the app factory: app commands (db, demo, users, mail, ...) load
the app; `content check` works without one, so it can report broken content that would
stop the app from starting.
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup, FlaskGroup, ScriptInfo, with_appcontext
from flask_migrate.cli import db as db_commands

from trainer import create_app
from trainer.config import ConfigError
from trainer.core.i18n import LANGUAGES
from trainer.extensions import db
from trainer.modules.accounts.models import ROLES
from trainer.modules.courses import ContentError, load_content
from trainer.modules.courses.report import (
    MESSAGES_LANGUAGE,
    content_folder,
    report_lines,
    worded_in,
)

# What stops the app from starting: a setting (one line) or the content (each problem).
STARTUP_ERRORS = (ConfigError, ContentError)


class Commands(FlaskGroup):
    """Flask's command group, where an app that cannot start stops a command with the
    reason, never a traceback, and `trainer --help` still lists what needs no app."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except STARTUP_ERRORS as error:
            raise click.ClickException(str(error)) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        try:
            ctx.ensure_object(ScriptInfo).load_app()
        except STARTUP_ERRORS as error:
            click.echo(
                f"Error: {error}\nOnly the commands that need no app are listed.\n", err=True
            )
            return sorted(click.Group.list_commands(self, ctx))
        return super().list_commands(ctx)


@click.group(cls=Commands, create_app=create_app)
def main() -> None:
    """Manage the trainer platform: database, content, accounts, demo data."""


@click.group()
def content() -> None:
    """Check the course content (works without configuration)."""


main.add_command(content)


@content.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    default=MESSAGES_LANGUAGE,
    show_default=True,
    help="Language of the messages.",
)
def check(directory: Path | None, strict: bool, language: str) -> None:
    """Check DIRECTORY (default: $TRAINER_CONTENT_DIR, else ./content) and list
    every problem as path:line: message. Exit 1 on errors (or warnings, with --strict)."""
    folder = content_folder(directory)
    result = load_content(folder)
    with worded_in(language):
        for line in report_lines(folder, result):
            click.echo(line)
    if result.errors or (strict and result.warnings):
        raise click.exceptions.Exit(1)


users = AppGroup("users", help="Create accounts from the command line (the first admin, say).")
audit_cli = AppGroup("audit", help="The audit log: `trainer audit prune` for cron.")
reminders = AppGroup("reminders", help="E-mail reminders about the course's due dates.")
mail_cli = AppGroup("mail", help="Deliver the queued e-mails (invitations, resets, reminders).")
credentials_cli = AppGroup("credentials", help="The key that signs certificates' credentials.")


def register_commands(app: Flask) -> None:
    """Give the app its commands (`trainer db` comes from Flask-Migrate)."""
    for group in (users, audit_cli, reminders, mail_cli, credentials_cli):
        app.cli.add_command(group)
    app.cli.add_command(demo)


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Seed the demo centres, accounts and staff (password: demopassword). Idempotent."""
    from trainer import demo as demo_data

    if current_app.config["ENV"] == "production":
        raise click.ClickException(
            "trainer demo adds accounts whose password is published, so it does not run "
            "with TRAINER_ENV=production. Use a development database (TRAINER_ENV=development)."
        )
    seeded = demo_data.seed()
    db.session.commit()
    for user in seeded.accounts:
        click.echo(f"{user.role:8} {user.email}  password: {demo_data.PASSWORD}")
    click.echo(f"{seeded.staff_added} demo staff added to {demo_data.CENTRES[0]}.")


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
def prune_audit(days: int | None) -> None:
    """Delete failed sign-ins older than the retention period (for cron, daily)."""
    from trainer.core.audit import prune_failed_sign_ins

    if days is None:
        days = current_app.config["FAILED_SIGN_IN_RETENTION_DAYS"]
    deleted = prune_failed_sign_ins(timedelta(days=days))
    db.session.commit()
    click.echo(f"Deleted {deleted} failed sign-ins older than {days} days.")


@reminders.command("send")
def send_reminders() -> None:
    """Remind people who are overdue or due within 7 days; each at most once a week.

    The reminders are queued; `trainer mail work` (or `trainer mail send`) sends them."""
    from trainer.modules.reports.progress import local_today
    from trainer.modules.reports.reminders import queue_reminders

    reminded = queue_reminders(local_today())
    db.session.commit()
    click.echo(f"Queued reminders for {len(reminded)} people; the mail worker sends them.")


@mail_cli.command("send")
def send_mail() -> None:
    """Send the e-mails that are due, then exit (for cron, every minute or so)."""
    from trainer.core import worker

    outcome = worker.send_due()
    click.echo(worker.report(outcome))
    if outcome.service_down:
        raise click.ClickException(f"Stopped: {outcome.service_down}")


@mail_cli.command("work")
@click.option("--poll", default=5.0, show_default=True, help="Seconds between looks at the queue.")
def work_on_mail(poll: float) -> None:
    """Send e-mails as they are queued, until stopped (SIGTERM or Ctrl-C)."""
    from trainer.core import worker

    click.echo(f"Mail worker started; looking at the queue every {poll:g} s.")
    worker.work(poll, click.echo)
    click.echo("Mail worker stopped.")


@credentials_cli.command("new-key")
def new_issuer_key() -> None:
    """Print a new signing key for TRAINER_ISSUER_KEY, and its public key."""
    from nacl.signing import SigningKey

    from trainer.core.multibase import ED25519_SECRET, decode_key
    from trainer.modules.certificates.issuer import new_secret_key, public_key_of

    secret = new_secret_key()
    public = public_key_of(SigningKey(decode_key(ED25519_SECRET, secret)))
    click.echo(f"TRAINER_ISSUER_KEY={secret}")
    click.echo(f"# public key: {public} (published at /credentials/issuer once it signs)")


@db_commands.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup(path: Path) -> None:
    """Back up the SQLite database to PATH and verify the copy."""
    import sqlite3

    from trainer.core.backup import BackupError, backup_database

    try:
        backup_database(db.engine.url, path)
    except (BackupError, sqlite3.Error) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up to {path} and verified (integrity_check: ok).")
