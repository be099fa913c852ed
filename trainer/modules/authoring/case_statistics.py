"""Which choices learners make in a module's branching cases: for every step, how many
reached it and chose each option, in first runs or in all runs."""

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.authoring.queries import UNCOUNTED_ROLES
from trainer.modules.authoring.statistics import Basis
from trainer.modules.courses import Choice, Lesson, Module, Step
from trainer.modules.learning.models import CaseChoice


@dataclass(frozen=True, slots=True)
class ChoiceShare:
    choice: Choice
    count: int
    share: float | None


@dataclass(frozen=True, slots=True)
class StepChoices:
    step: Step
    total: int
    shares: tuple[ChoiceShare, ...]


@dataclass(frozen=True, slots=True)
class CaseStatistics:
    lesson: Lesson
    steps: tuple[StepChoices, ...]


def case_statistics(module: Module, basis: Basis) -> tuple[CaseStatistics, ...]:
    """One query for all the module's cases; steps without choices (endings) left out."""
    if not module.cases:
        return ()
    query = (
        select(CaseChoice.case_id, CaseChoice.step_id, CaseChoice.choice, func.count())
        .join(User, User.id == CaseChoice.user_id)
        .where(CaseChoice.module_id == module.id, User.role.not_in(UNCOUNTED_ROLES))
        .group_by(CaseChoice.case_id, CaseChoice.step_id, CaseChoice.choice)
    )
    if basis is Basis.FIRST:
        # A person's first walk ever: a renewal's first run is not an unprimed one.
        query = query.where(CaseChoice.cycle == 1, CaseChoice.run == 1)
    counts = Counter(
        {(case, step, choice): n for case, step, choice, n in db.session.execute(query)}
    )
    return tuple(_case(lesson, counts) for lesson in module.cases)


def _case(lesson: Lesson, counts: Counter) -> CaseStatistics:
    assert lesson.case is not None
    steps = []
    for step in lesson.case.steps:
        if step.is_ending:
            continue
        chosen = [counts[(lesson.id, step.id, choice.number)] for choice in step.choices]
        total = sum(chosen)
        shares = tuple(
            ChoiceShare(choice, n, n / total if total else None)
            for choice, n in zip(step.choices, chosen, strict=True)
        )
        steps.append(StepChoices(step, total, shares))
    return CaseStatistics(lesson, tuple(steps))
