"""Reminders for cron: people overdue or due within a week, at most once a week each.

`trainer reminders send` queues them; the mail worker writes and sends each one.
"""

from datetime import date, timedelta

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select

from trainer.core import mail
from trainer.core.time import utcnow
from trainer.core.urls import link_in_language
from trainer.extensions import db
from trainer.modules.accounts.invitations import Purpose, issue_many, link_for, works
from trainer.modules.accounts.models import AccountToken, User
from trainer.modules.learning.models import CourseCompletion
from trainer.modules.reports.models import CentreDeadline, PersonDeadline, Reminder

DUE_SOON = timedelta(days=7)
INTERVAL = timedelta(days=7)


def people_to_remind(today: date) -> list[tuple[User, date]]:
    """Active learners not yet completed, due by a week from today, not reminded this week."""
    due_on = func.coalesce(PersonDeadline.due_on, CentreDeadline.due_on)
    reminded_lately = exists().where(
        Reminder.user_id == User.id, Reminder.sent_at > utcnow() - INTERVAL
    )
    completed = exists().where(
        CourseCompletion.user_id == User.id, CourseCompletion.cycle == User.cycle
    )
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


REMINDER = "reminder"


def _link(person: User, token: AccountToken | None) -> str:
    """For someone who never chose a password, their invitation; else the course."""
    if token is not None and works(token):
        return link_for(token)
    return link_in_language("learning.course", person.locale)


def reminder_mail(person: User, due_on: date, today: date, token: AccountToken | None) -> mail.Mail:
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
            _link(person, token),
            _("If you have questions, ask your manager."),
        ]
        return mail.Mail(to=person.email, subject=subject, body="\n\n".join(paragraphs) + "\n")


@mail.composer(REMINDER, _l("Reminder"))
def compose_reminder(payload: dict) -> mail.Mail | None:
    person = db.session.get(User, payload["user_id"])
    if person is None or not person.is_active:
        return None
    token = db.session.get(AccountToken, payload["token_id"]) if payload["token_id"] else None
    return reminder_mail(
        person, date.fromisoformat(payload["due_on"]), date.fromisoformat(payload["today"]), token
    )


def _payload(person: User, due_on: date, today: date, invitations: dict) -> dict:
    token = invitations.get(person.id)
    return {
        "user_id": person.id,
        "due_on": due_on.isoformat(),
        "today": today.isoformat(),
        "token_id": token.id if token else None,
    }


def queue_reminders(today: date) -> list[str]:
    """Queue a reminder for everyone due one, with a fresh invitation for those who never
    chose a password, and record them; return their addresses. Flushes, never commits."""
    due = people_to_remind(today)
    uninvited = [person for person, _due_on in due if person.password_hash is None]
    invitations = {token.user_id: token for token in issue_many(uninvited, Purpose.INVITATION)}
    mail.queue_many(
        REMINDER,
        [(_payload(person, due_on, today, invitations), person.id) for person, due_on in due],
    )
    db.session.add_all(Reminder(user_id=person.id, due_on=due_on) for person, due_on in due)
    db.session.flush()
    return [person.email for person, _due_on in due]
