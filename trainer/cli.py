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
from trainer.modules.courses import ContentError, Course, load_content
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
cycles_cli = AppGroup("cycles", help="Recertification: renewal windows, reminders, digests.")
mail_cli = AppGroup("mail", help="Deliver the queued e-mails (invitations, resets, reminders).")
xapi_cli = AppGroup("xapi", help="Send the queued xAPI statements to the learning record store.")
export_cli = AppGroup("export", help="The course for other systems: `trainer export scorm`.")
lti_cli = AppGroup("lti", help="Learning platforms that launch the course through LTI 1.3.")
credentials_cli = AppGroup("credentials", help="The key that signs certificates' credentials.")


def register_commands(app: Flask) -> None:
    """Give the app its commands (`trainer db` comes from Flask-Migrate)."""
    for group in (
        users,
        audit_cli,
        reminders,
        cycles_cli,
        mail_cli,
        xapi_cli,
        export_cli,
        lti_cli,
        credentials_cli,
    ):
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
    _draw_certificates()


def _draw_certificates() -> None:
    """The certificates' PDFs, drawn now as the mail worker would (none the second time)."""
    from trainer.core import jobs
    from trainer.modules.certificates.operations import RENDER_KIND

    click.echo(f"{jobs.run_due(RENDER_KIND).done} certificate PDFs drawn.")


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


@cycles_cli.command("run")
def run_cycles() -> None:
    """Open the renewal windows that are due, remind those renewing (window open, 30 days
    left, expired; each once), ask the module retakes a course change requires (and
    remind a week before due), queue the managers' weekly digests, and after a content
    change make the dashboard's progress summaries again. Idempotent: for cron, daily or
    more often. `trainer mail work` (or `mail send`) sends the e-mails."""
    from trainer.modules.courses import catalogue
    from trainer.modules.cycles.run import run_cycles as run

    course = catalogue().course(catalogue().languages[0])
    done = run(course)
    db.session.commit()
    told = ", ".join(f"{stage}: {count}" for stage, count in done.notices.items())
    click.echo(f"Opened {done.opened} renewal cycles; reminders queued ({told});")
    click.echo(f"{done.retakes_asked} module retakes asked, {done.retake_notices} told of;")
    click.echo(f"{done.digests} manager digests queued; the mail worker sends them.")
    click.echo(f"{_summarise_stale(course)} progress summaries made for the current course.")


def _summarise_stale(course: Course) -> int:
    """The person summaries the dashboard reads, made again after a content change: a
    transaction a batch, so learners wait for no more than one batch."""
    from trainer.modules.learning.summary import stale_people, summarise_stale

    with click.progressbar(length=stale_people(course), label="Progress summaries") as bar:
        while made := summarise_stale(course):
            db.session.commit()
            bar.update(made)
        return bar.pos


def _mail_worker_kinds() -> tuple[str, ...]:
    """What the mail worker runs: e-mails, and the certificates' PDFs to draw."""
    from trainer.core import mail
    from trainer.modules.certificates.operations import RENDER_KIND

    return (mail.KIND_PREFIX, RENDER_KIND)


@mail_cli.command("send")
def send_mail() -> None:
    """Send the e-mails that are due (and draw the certificates' PDFs), then exit (for
    cron, every minute or so)."""
    from trainer.core import worker

    outcome = worker.send_due(_mail_worker_kinds())
    click.echo(worker.report(outcome))
    if outcome.service_down:
        raise click.ClickException(f"Stopped: {outcome.service_down}")


@mail_cli.command("work")
@click.option("--poll", default=5.0, show_default=True, help="Seconds between looks at the queue.")
def work_on_mail(poll: float) -> None:
    """Send e-mails (and draw certificates' PDFs) as they are queued, until stopped
    (SIGTERM or Ctrl-C)."""
    from trainer.core import worker

    click.echo(f"Mail worker started; looking at the queue every {poll:g} s.")
    worker.work(poll, click.echo, _mail_worker_kinds())
    click.echo("Mail worker stopped.")


def _xapi_worker():
    """The worker, the statements' kind and what a pass says, once xAPI is known to be on."""
    from functools import partial

    from trainer.core import worker
    from trainer.modules.interop import xapi_sending

    if not xapi_sending.enabled():
        raise click.ClickException("xAPI is off: set TRAINER_XAPI_ENABLED=true.")
    return worker, xapi_sending.KIND_PREFIX, partial(worker.report, done="sent")


@xapi_cli.command("send")
def send_statements() -> None:
    """Send the statements that are due, then exit (for cron, every minute or so)."""
    worker, prefix, report = _xapi_worker()
    outcome = worker.send_due(prefix)
    click.echo(report(outcome))
    if outcome.service_down:
        raise click.ClickException(f"Stopped: {outcome.service_down}")


@xapi_cli.command("work")
@click.option("--poll", default=5.0, show_default=True, help="Seconds between looks at the queue.")
def work_on_statements(poll: float) -> None:
    """Send statements as they are queued, until stopped (SIGTERM or Ctrl-C)."""
    worker, prefix, report = _xapi_worker()
    click.echo(f"xAPI worker started; looking at the queue every {poll:g} s.")
    worker.work(poll, click.echo, prefix, report)
    click.echo("xAPI worker stopped.")


@export_cli.command("scorm")
@click.option("--language", type=click.Choice(LANGUAGES), default="fi", show_default=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the zip (default: trainer-scorm12-LANGUAGE.zip here).",
)
def export_scorm(language: str, output: Path | None) -> None:
    """Build the course in LANGUAGE as a SCORM 1.2 package: each module a SCO."""
    from trainer.modules.courses import catalogue
    from trainer.modules.interop.scorm import build_package, package_name

    course = catalogue().courses.get(language)
    if course is None:
        raise click.ClickException(f"The course has no content in {language!r}.")
    images = Path(current_app.config["CONTENT_DIR"]) / "images"
    target = output or Path(package_name(course))
    with click.progressbar(length=len(course.modules), label="Modules") as bar:
        package = build_package(course, images, on_module=lambda _module: bar.update(1))
    target.write_bytes(package)
    click.echo(f"Wrote {target} ({len(course.modules)} modules, {len(package) // 1024} KiB).")


@lti_cli.command("register")
@click.option("--name", required=True, help="What the platform is called, e.g. 'Moodle of X'.")
@click.option("--issuer", required=True, help="The platform's issuer (iss).")
@click.option("--client-id", required=True, help="The client id the platform gave this tool.")
@click.option("--keyset-url", required=True, help="The platform's public keys (JWKS URL).")
@click.option("--login-url", required=True, help="The platform's OIDC authorisation URL.")
@click.option("--token-url", required=True, help="The platform's OAuth 2 token URL.")
@click.option("--deployment", "deployments", multiple=True, required=True, help="Repeatable.")
@click.option("--centre", required=True, help="The centre its launched people join.")
def register_lti_platform(**given: Any) -> None:
    """Register (or update) a platform that may launch the course."""
    from trainer.modules.interop.lti import PlatformError, register_platform

    try:
        platform = register_platform(
            name=given["name"],
            issuer=given["issuer"],
            client_id=given["client_id"],
            key_set_url=given["keyset_url"],
            auth_login_url=given["login_url"],
            auth_token_url=given["token_url"],
            deployment_ids=list(given["deployments"]),
            centre_name=given["centre"],
        )
    except PlatformError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Registered {platform.name} ({platform.issuer}, client {platform.client_id}).")


@lti_cli.command("map-context")
@click.option("--issuer", required=True, help="The registered platform's issuer.")
@click.option("--client-id", required=True, help="The registered platform's client id.")
@click.option("--context", "context_id", required=True, help="The platform's context (course) id.")
@click.option("--centre", required=True, help="The centre people launched from it join.")
def map_lti_context(issuer: str, client_id: str, context_id: str, centre: str) -> None:
    """People launched from one of the platform's contexts join CENTRE."""
    from trainer.modules.interop.lti import PlatformError, map_context

    try:
        map_context(issuer=issuer, client_id=client_id, context_id=context_id, centre_name=centre)
    except PlatformError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"People launched from context {context_id} join {centre}.")


@lti_cli.command("send")
def send_lti_completions() -> None:
    """Send completed courses to the platforms that launched them (AGS); for cron."""
    from trainer.core import jobs
    from trainer.modules.interop.lti_grades import KIND

    outcome = jobs.run_due(KIND)
    click.echo(f"{outcome.done} sent, {outcome.retried} to retry, {outcome.failed} failed.")


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
