"""The history of a person's training cycles: their own, or a person a manager reaches."""

from flask import render_template
from flask_login import current_user, login_required

from trainer.core.database import read_only
from trainer.core.security import role_required
from trainer.core.time import utcnow
from trainer.modules.accounts.access import MANAGERS, person_or_404
from trainer.modules.accounts.models import User
from trainer.modules.courses import current_course
from trainer.modules.cycles import blueprint
from trainer.modules.cycles.queries import cycle_history, people_cycles


def _history_page(person: User, own: bool):
    standing = people_cycles([person.id], utcnow()).get(person.id)
    modules = {module.id: module.title for module in current_course().modules}
    return render_template(
        "cycles/history.html",
        person=person,
        own=own,
        cycles=cycle_history(person),
        standing=standing,
        modules=modules,
    )


@blueprint.get("/cycles")
@read_only
@login_required
def mine():
    return _history_page(current_user, own=True)


@blueprint.get("/reports/people/<id:user_id>/cycles")
@read_only
@role_required(*MANAGERS)
def person(user_id: int):
    return _history_page(person_or_404(user_id, current_user), own=False)
