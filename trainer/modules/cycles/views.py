"""The history of a person's training cycles: their own, or a person a manager reaches."""

from dataclasses import dataclass

from flask import render_template
from flask_login import current_user, login_required

from trainer.core.database import read_only
from trainer.core.security import role_required
from trainer.core.time import utcnow
from trainer.modules.accounts.access import MANAGERS, person_or_404
from trainer.modules.accounts.models import User
from trainer.modules.courses import Module, current_course
from trainer.modules.cycles import blueprint
from trainer.modules.cycles.models import ModuleRetake
from trainer.modules.cycles.queries import cycle_history, people_cycles
from trainer.modules.cycles.retakes import retake_notes


@dataclass(frozen=True)
class RetakeAsked:
    retake: ModuleRetake
    module: Module
    notes: tuple[str, ...]


def _history_page(person: User, own: bool):
    standing = people_cycles([person.id], utcnow()).get(person.id)
    course = current_course()
    cycles = cycle_history(person)
    asked = [
        RetakeAsked(retake, module, retake_notes(retake, module))
        for cycle in cycles
        for retake in cycle.retakes
        if retake.done_at is None and (module := course.module(retake.module_id)) is not None
    ]
    return render_template(
        "cycles/history.html",
        person=person,
        own=own,
        cycles=cycles,
        standing=standing,
        retakes=asked,
        modules={module.id: module.title for module in course.modules},
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
