"""The worker that delivers queued e-mail: one pass over what is due (for cron), or a
loop that runs until stopped. `trainer mail send` and `trainer mail work` wrap these;
`trainer xapi send` and `trainer xapi work` run them on the xAPI statements (`prefix`)."""

import signal
import threading
from collections.abc import Callable
from datetime import timedelta

from flask import current_app

from trainer.core import jobs, mail
from trainer.extensions import db

LONGEST_PAUSE = timedelta(minutes=5)


def report(outcome: jobs.Outcome, done: str | None = None) -> str:
    """One line on what a pass did; `done` says what became of the jobs done (e-mails:
    sent, or only logged)."""
    parts = [f"{outcome.done} {done or ('logged, not sent' if mail.log_only() else 'sent')}"]
    if outcome.retried:
        parts.append(f"{outcome.retried} to retry")
    if outcome.failed:
        parts.append(f"{outcome.failed} failed")
    if outcome.cancelled:
        parts.append(f"{outcome.cancelled} no longer needed")
    return ", ".join(parts) + "."


def send_due(prefix: jobs.Kinds = mail.KIND_PREFIX) -> jobs.Outcome:
    """Send the e-mails (or other jobs of kinds starting with `prefix`) due, once."""
    outcome = jobs.run_due(prefix)
    db.session.remove()
    return outcome


def _pause_after_outage(outages: int) -> float:
    base = timedelta(seconds=current_app.config["MAIL_RETRY_SECONDS"])
    return min(base * 2 ** (outages - 1), LONGEST_PAUSE).total_seconds()


def _stop_on_signals() -> threading.Event:
    stopping = threading.Event()

    def stop(_signal, _frame) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    return stopping


def work(
    poll: float,
    say: Callable[..., None],
    prefix: jobs.Kinds = mail.KIND_PREFIX,
    describe: Callable[[jobs.Outcome], str] = report,
) -> None:
    """Send e-mails as they are queued until SIGTERM or Ctrl-C, saying what happens
    (`say(text)`, or `say(text, err=True)` for an outage). After an outage the pause
    doubles, up to five minutes."""
    stopping = _stop_on_signals()
    outages = 0
    while not stopping.is_set():
        outcome = jobs.run_due(prefix, stop=stopping.is_set)
        db.session.remove()
        if outcome.done or outcome.failed or outcome.retried or outcome.cancelled:
            say(describe(outcome))
        wait = poll
        if outcome.service_down:
            outages += 1
            wait = max(poll, _pause_after_outage(outages))
            say(f"{outcome.service_down}; trying again in {wait:g} s.", err=True)
        else:
            outages = 0
        stopping.wait(wait)
