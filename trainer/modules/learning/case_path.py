"""Where a learner is in a branching case: the choices of their latest run in their
current training cycle, replayed through the case as it is now written."""

from dataclasses import dataclass

from sqlalchemy import func, select

from trainer.extensions import db
from trainer.modules.accounts.models import cycle_of
from trainer.modules.courses import Case, Choice, Step
from trainer.modules.learning.models import CaseChoice


@dataclass(frozen=True)
class Taken:
    """A step passed, and the choice made there."""

    step: Step
    choice: Choice


@dataclass(frozen=True)
class CasePath:
    """The latest run: the steps passed with their choices, and the step now reached.
    `run` is 0 before the learner's first choice."""

    run: int
    taken: tuple[Taken, ...]
    current: Step

    @property
    def is_finished(self) -> bool:
        return self.current.is_ending

    @property
    def last(self) -> Taken | None:
        return self.taken[-1] if self.taken else None


def case_path(user_id: int, module_id: str, case_id: str, case: Case) -> CasePath:
    """Replay the latest run's choices from the first step. A choice the case no longer
    has (the content changed) ends the replay there, at a step the learner can go on from."""
    run = latest_run(user_id, module_id, case_id)
    rows = db.session.execute(
        select(CaseChoice.step_id, CaseChoice.choice)
        .where(
            CaseChoice.user_id == user_id,
            CaseChoice.cycle == cycle_of(user_id),
            CaseChoice.module_id == module_id,
            CaseChoice.case_id == case_id,
            CaseChoice.run == run,
        )
        .order_by(CaseChoice.id)
    ).all()
    chosen = {row.step_id: row.choice for row in rows}
    taken: list[Taken] = []
    step = case.start
    while (number := chosen.get(step.id)) is not None:
        choice = step.choice(number)
        following = case.step(choice.target) if choice else None
        if choice is None or following is None:
            break
        taken.append(Taken(step, choice))
        step = following
    return CasePath(run, tuple(taken), step)


def latest_run(user_id: int, module_id: str, case_id: str) -> int:
    """The number of the learner's latest run in their current cycle; 0 before any."""
    return db.session.execute(
        select(func.coalesce(func.max(CaseChoice.run), 0)).where(
            CaseChoice.user_id == user_id,
            CaseChoice.cycle == cycle_of(user_id),
            CaseChoice.module_id == module_id,
            CaseChoice.case_id == case_id,
        )
    ).scalar_one()
