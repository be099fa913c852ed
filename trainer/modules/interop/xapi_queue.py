"""The queued xAPI statements as the admin page reads them."""

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from trainer.core.jobs import Job, JobStatus
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.interop.xapi_sending import KIND, KIND_PREFIX

STATUS_LABELS = {
    JobStatus.QUEUED: _l("Waiting to be sent"),
    JobStatus.DONE: _l("Sent"),
    JobStatus.FAILED: _l("Failed"),
}


def statements(status: str | None = None) -> Select:
    """Every queued or sent statement with its learner (None once the account is gone),
    newest first."""
    query = (
        select(Job, User)
        .outerjoin(User, User.id == Job.user_id)
        .where(Job.kind.startswith(KIND_PREFIX, autoescape=True))
    )
    if status in STATUS_LABELS:
        query = query.where(Job.status == status)
    return query.order_by(Job.created_at.desc(), Job.id.desc())


def counts() -> dict[str, int]:
    rows = db.session.execute(
        select(Job.status, func.count())
        .where(Job.kind.startswith(KIND_PREFIX, autoescape=True))
        .group_by(Job.status)
    )
    return {status: count for status, count in rows}


def failed() -> list[Job]:
    return list(db.session.scalars(select(Job).where(Job.kind == KIND, Job.status == "failed")))


def in_words(statement: dict[str, Any], language: str) -> tuple[str, str]:
    """The statement's verb and object, in `language` where the statement has it."""

    def pick(texts: dict[str, str]) -> str:
        return texts.get(language) or next(iter(texts.values()), "")

    verb = pick(statement["verb"].get("display", {})) or statement["verb"]["id"]
    definition = statement["object"].get("definition", {})
    return verb, pick(definition.get("name", {})) or statement["object"]["id"]
