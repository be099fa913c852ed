"""Setting and removing deadlines. Functions flush; the caller commits once."""

from datetime import date

from trainer.core import audit
from trainer.extensions import db
from trainer.modules.reports.models import CentreDeadline, PersonDeadline


def set_centre_due_date(centre_id: int, due_on: date | None, actor_id: int | None) -> None:
    """The centre's deadline, or none when `due_on` is None (`actor_id` None: the system)."""
    before = _set(CentreDeadline, {"centre_id": centre_id}, due_on, actor_id)
    _record(actor_id, "centre.due_date", f"centre:{centre_id}", before, due_on)


def set_person_due_date(user_id: int, due_on: date | None, actor_id: int | None) -> None:
    """The person's own deadline; with None, the centre's applies again."""
    before = _set(PersonDeadline, {"user_id": user_id}, due_on, actor_id)
    _record(actor_id, "person.due_date", f"user:{user_id}", before, due_on)


def _set(model, identity: dict[str, int], due_on: date | None, actor_id: int | None) -> date | None:
    """Set or remove the deadline; return the one it replaces."""
    deadline = db.session.get(model, identity)
    before = deadline.due_on if deadline is not None else None
    if due_on == before:
        return before
    if due_on is None:
        db.session.delete(deadline)
    elif deadline is None:
        db.session.add(model(**identity, due_on=due_on, set_by_id=actor_id))
    else:
        deadline.due_on, deadline.set_by_id = due_on, actor_id
    db.session.flush()
    return before


def _record(
    actor_id: int | None, action: str, subject: str, before: date | None, after: date | None
):
    """The change in the audit log; saving the same date again changes nothing."""
    if before != after:
        audit.record(actor_id, action, subject, {"before": _iso(before), "after": _iso(after)})


def _iso(due_on: date | None) -> str | None:
    return due_on.isoformat() if due_on else None
