"""Setting and removing deadlines. Functions flush; the caller commits once."""

from datetime import date

from trainer.core import audit
from trainer.extensions import db
from trainer.modules.reports.models import CentreDeadline, PersonDeadline


def set_centre_due_date(centre_id: int, due_on: date | None, actor_id: int) -> None:
    """The centre's deadline, or none when `due_on` is None."""
    _set(CentreDeadline, {"centre_id": centre_id}, due_on, actor_id)
    audit.record(actor_id, "centre.due_date", f"centre:{centre_id}", _detail(due_on))


def set_person_due_date(user_id: int, due_on: date | None, actor_id: int) -> None:
    """The person's own deadline; with None, the centre's applies again."""
    _set(PersonDeadline, {"user_id": user_id}, due_on, actor_id)
    audit.record(actor_id, "person.due_date", f"user:{user_id}", _detail(due_on))


def _set(model, identity: dict[str, int], due_on: date | None, actor_id: int) -> None:
    deadline = db.session.get(model, identity)
    if due_on is None:
        if deadline is not None:
            db.session.delete(deadline)
    elif deadline is None:
        db.session.add(model(**identity, due_on=due_on, set_by_id=actor_id))
    else:
        deadline.due_on, deadline.set_by_id = due_on, actor_id
    db.session.flush()


def _detail(due_on: date | None) -> dict[str, str | None]:
    return {"due_on": due_on.isoformat() if due_on else None}
