"""What became of each e-mail: every one for admins, their people's invitations for
managers, and the latest invitation of one person."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from trainer.core import mail
from trainer.core.jobs import Job, JobStatus
from trainer.extensions import db
from trainer.modules.accounts.mails import INVITATION
from trainer.modules.accounts.models import User

STATUS_LABELS = {
    JobStatus.QUEUED: _l("Queued"),
    JobStatus.DONE: _l("Sent"),
    JobStatus.FAILED: _l("Failed"),
    JobStatus.CANCELLED: _l("Not sent: no longer needed"),
}
INVITATION_KIND = mail.KIND_PREFIX + INVITATION


def _newest_first(query: Select) -> Select:
    return query.order_by(Job.created_at.desc(), Job.id.desc())


def all_mail(status: str | None = None) -> Select:
    """Every e-mail with its recipient (None once their account is gone), newest first."""
    query = (
        select(Job, User)
        .outerjoin(User, User.id == Job.user_id)
        .where(Job.kind.startswith(mail.KIND_PREFIX, autoescape=True))
    )
    if status in STATUS_LABELS:
        query = query.where(Job.status == status)
    return _newest_first(query)


def invitations_to(centre_ids: list[int]) -> Select:
    """The invitations e-mailed to the learners of these centres, newest first."""
    return _newest_first(
        select(Job, User)
        .join(User, User.id == Job.user_id)
        .where(
            Job.kind == INVITATION_KIND,
            User.centre_id.in_(centre_ids),
            User.role == "learner",
        )
        .options(selectinload(User.centre))
    )


def latest_invitation(user_id: int) -> Job | None:
    return db.session.scalar(
        _newest_first(select(Job).where(Job.kind == INVITATION_KIND, Job.user_id == user_id))
    )


def counts() -> dict[str, int]:
    """How many e-mails are in each state."""
    rows = db.session.execute(
        select(Job.status, func.count())
        .where(Job.kind.startswith(mail.KIND_PREFIX, autoescape=True))
        .group_by(Job.status)
    )
    return {status: count for status, count in rows}
