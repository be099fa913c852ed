"""`trainer reminders send`: for cron, once a day or once a week."""

import click
from flask.cli import AppGroup

reminders = AppGroup("reminders", help="E-mail reminders about the course's due dates.")


@reminders.command("send")
def send() -> None:
    """Remind people who are overdue or due within 7 days; each at most once a week."""
    from trainer.extensions import db
    from trainer.modules.reports.progress import local_today
    from trainer.modules.reports.reminders import send_reminders

    outcome = send_reminders(local_today())
    db.session.commit()
    click.echo(f"Reminded {len(outcome.reminded)} people.")
    if outcome.failed:
        raise click.ClickException(
            f"Could not reach {len(outcome.failed)}: {', '.join(outcome.failed)}"
        )
