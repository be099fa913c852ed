"""Feedback on accessibility: kept in the audit log, e-mailed to the admins.

No table of its own: each message is an audit event (who, when, from which address,
and the text in its detail), and one e-mail job per recipient names that event, so the
outbox holds no copy of the text. The admins read every message at /admin/feedback.
A person's messages (sent signed in, or with their e-mail address) are theirs: in the
export of their data, and deleted with their account (privacy).
"""

from flask import current_app
from sqlalchemy import ColumnElement, Select, and_, delete, func, or_, select

from trainer.core import audit, mail
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.about.mails import FEEDBACK_MAIL
from trainer.modules.accounts.access import ADMINS
from trainer.modules.accounts.models import User

FEEDBACK = "accessibility.feedback"
SUBJECT = "page:accessibility"
MESSAGE_LENGTH = 5000
PAGE_LENGTH = 500


def admins() -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.role.in_(ADMINS), User.is_active_account).order_by(User.id)
        )
    )


def send_feedback(
    message: str, *, reply_to: str | None, about_page: str | None, sender_id: int | None
) -> AuditEvent:
    """Record the message and queue it to every active admin, and to the organisation's
    contact address when that is not one of theirs. Flushes; the caller commits."""
    event = audit.record(
        sender_id,
        FEEDBACK,
        SUBJECT,
        {"message": message, "email": reply_to or None, "page": about_page or None},
    )
    recipients = admins()
    for admin in recipients:
        mail.queue(FEEDBACK_MAIL, {"event_id": event.id, "user_id": admin.id}, user_id=admin.id)
    contact = current_app.config.get("ORG_CONTACT_EMAIL")
    if contact and contact.lower() not in {admin.email.lower() for admin in recipients}:
        mail.queue(FEEDBACK_MAIL, {"event_id": event.id, "contact": True})
    return event


def all_feedback() -> Select:
    """Every message, newest first."""
    return (
        select(AuditEvent)
        .where(AuditEvent.action == FEEDBACK)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )


def _sent_by(user: User) -> ColumnElement[bool]:
    """The person's messages: sent while signed in, or with their e-mail to reply to."""
    reply_to = func.lower(AuditEvent.detail["email"].as_string())
    return and_(
        AuditEvent.action == FEEDBACK,
        or_(AuditEvent.actor_id == user.id, reply_to == user.email.lower()),
    )


def feedback_of(user: User) -> list[AuditEvent]:
    """The messages the person sent, oldest first."""
    return list(
        db.session.scalars(select(AuditEvent).where(_sent_by(user)).order_by(AuditEvent.at))
    )


def delete_feedback_of(user: User) -> None:
    """Delete the person's messages; an e-mail of one not yet sent is then dropped.
    Call before their e-mail address is erased. Flushes."""
    db.session.execute(
        delete(AuditEvent).where(_sent_by(user)).execution_options(synchronize_session=False)
    )
    db.session.flush()
