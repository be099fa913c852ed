"""`trainer reminders send`: for cron, once a day or once a week."""

import click
from flask.cli import AppGroup

reminders = AppGroup("reminders", help="E-mail reminders about the course's due dates.")


@reminders.command("send")
def send() -> None:
    """Remind people who are overdue or due within 7 days; each at most once a week.

    The reminders are queued; `trainer mail work` (or `trainer mail send`) sends them."""
    from trainer.extensions import db
    from trainer.modules.reports.progress import local_today
    from trainer.modules.reports.reminders import queue_reminders

    reminded = queue_reminders(local_today())
    db.session.commit()
    click.echo(f"Queued reminders for {len(reminded)} people; the mail worker sends them.")
