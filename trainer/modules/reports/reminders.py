"""Reminders for cron: people overdue or due within a week, at most once a week each."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy import exists, func, select

from trainer.core import mail
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.invitations import Purpose, issue, link_for
from trainer.modules.accounts.models import User
from trainer.modules.learning.models import CourseCompletion
from trainer.modules.reports.models import CentreDeadline, PersonDeadline, Reminder

DUE_SOON = timedelta(days=7)
INTERVAL = timedelta(days=7)


@dataclass(frozen=True)
class Outcome:
    reminded: list[str]
    failed: list[str]


def people_to_remind(today: date) -> list[tuple[User, date]]:
    """Active learners not yet completed, due by a week from today, not reminded this week."""
    due_on = func.coalesce(PersonDeadline.due_on, CentreDeadline.due_on)
    reminded_lately = exists().where(
        Reminder.user_id == User.id, Reminder.sent_at > utcnow() - INTERVAL
    )
    completed = exists().where(CourseCompletion.user_id == User.id)
    query = (
        select(User, due_on)
        .outerjoin(PersonDeadline, PersonDeadline.user_id == User.id)
        .outerjoin(CentreDeadline, CentreDeadline.centre_id == User.centre_id)
        .where(
            User.role == "learner",
            User.is_active_account.is_(True),
            due_on <= today + DUE_SOON,
            ~completed,
            ~reminded_lately,
        )
        .order_by(User.id)
    )
    return [(user, due) for user, due in db.session.execute(query)]


def _link(person: User) -> str:
    """The course; or, for someone who never chose a password, a new invitation."""
    if person.password_hash is None:
        return link_for(issue(person, Purpose.INVITATION))
    return mail.external_url("learning.course")


def reminder_mail(person: User, due_on: date, today: date) -> mail.Mail:
    with force_locale(person.locale):
        when = format_date(due_on, "long")
        if due_on < today:
            subject = _("The trafficking awareness course is overdue")
            news = _("Your course was due on %(date)s and is not yet completed.", date=when)
        else:
            subject = _(
                "Reminder: complete the trafficking awareness course by %(date)s", date=when
            )
            news = _("Your centre asks you to complete the course by %(date)s.", date=when)
        paragraphs = [
            _("Hello %(name)s,", name=person.name),
            news,
            _("Continue where you left off:"),
            _link(person),
            _("If you have questions, ask your manager."),
        ]
        return mail.Mail(to=person.email, subject=subject, body="\n\n".join(paragraphs) + "\n")


def send_reminders(today: date) -> Outcome:
    """E-mail everyone due a reminder and record those delivered; flushes, never commits."""
    due = people_to_remind(today)
    failed = set(mail.send(reminder_mail(person, due_on, today) for person, due_on in due))
    reminded = [(person, due_on) for person, due_on in due if person.email not in failed]
    db.session.add_all(Reminder(user_id=person.id, due_on=due_on) for person, due_on in reminded)
    db.session.flush()
    return Outcome([person.email for person, _due_on in reminded], sorted(failed))
