"""`trainer mail work`, the worker that delivers queued e-mail, and `trainer mail send`,
the same for cron: one pass over what is due, then exit."""

import signal
import threading
from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup

from trainer.core import jobs, mail
from trainer.extensions import db

LONGEST_PAUSE = timedelta(minutes=5)

mail_cli = AppGroup("mail", help="Deliver the queued e-mails (invitations, resets, reminders).")


def _report(outcome: jobs.Outcome) -> str:
    parts = [f"{outcome.done} {'logged, not sent' if mail.log_only() else 'sent'}"]
    if outcome.retried:
        parts.append(f"{outcome.retried} to retry")
    if outcome.failed:
        parts.append(f"{outcome.failed} failed")
    if outcome.cancelled:
        parts.append(f"{outcome.cancelled} no longer needed")
    return ", ".join(parts) + "."


@mail_cli.command("send")
def send() -> None:
    """Send the e-mails that are due, then exit (for cron, every minute or so)."""
    outcome = jobs.run_due(mail.KIND_PREFIX)
    db.session.remove()
    click.echo(_report(outcome))
    if outcome.service_down:
        raise click.ClickException(f"Stopped: {outcome.service_down}")


def _pause_after_outage(outages: int) -> float:
    base = timedelta(seconds=current_app.config["MAIL_RETRY_SECONDS"])
    return min(base * 2 ** (outages - 1), LONGEST_PAUSE).total_seconds()


@mail_cli.command("work")
@click.option("--poll", default=5.0, show_default=True, help="Seconds between looks at the queue.")
def work(poll: float) -> None:
    """Send e-mails as they are queued, until stopped (SIGTERM or Ctrl-C)."""
    stopping = threading.Event()

    def stop(_signal, _frame) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    outages = 0
    click.echo(f"Mail worker started; looking at the queue every {poll:g} s.")
    while not stopping.is_set():
        outcome = jobs.run_due(mail.KIND_PREFIX, stop=stopping.is_set)
        db.session.remove()
        if outcome.done or outcome.failed or outcome.retried or outcome.cancelled:
            click.echo(_report(outcome))
        wait = poll
        if outcome.service_down:
            outages += 1
            wait = max(poll, _pause_after_outage(outages))
            click.echo(f"{outcome.service_down}; trying again in {wait:g} s.", err=True)
        else:
            outages = 0
        stopping.wait(wait)
    click.echo("Mail worker stopped.")
