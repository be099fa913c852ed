"""Keeping each learner's module summary (table module_summaries) in step with what is written.

Every change is one UPDATE that only ever adds (a lesson, a better score, a pass, a later
time), so concurrent requests cannot undo each other; the row is made on first use.
Functions flush; the view commits once.
"""

from datetime import datetime

from sqlalchemy import case, exists, insert, literal, select, update
from sqlalchemy.exc import IntegrityError

from trainer.core.database import changed_rows
from trainer.core.time import UTCDateTime
from trainer.extensions import db
from trainer.modules.learning.models import ModuleSummary, RecordedLesson
from trainer.modules.quizzes.models import QuizAttempt


def _later(at: datetime):
    at_value = literal(at, UTCDateTime())
    latest = ModuleSummary.last_activity_at
    return case((latest < at_value, at_value), else_=latest)


def _apply(user_id: int, module_id: str, changes: dict, first: dict) -> None:
    """Apply the changes to the learner's summary row, or make the row with `first`."""
    statement = (
        update(ModuleSummary)
        .where(ModuleSummary.user_id == user_id, ModuleSummary.module_id == module_id)
        .values(changes)
        .execution_options(synchronize_session=False)
    )
    if changed_rows(statement):
        return
    try:
        with db.session.begin_nested():
            row = {"user_id": user_id, "module_id": module_id, **first}
            db.session.execute(insert(ModuleSummary).values(row))
    except IntegrityError:  # a concurrent request made the row first
        db.session.execute(statement)


def _remember(module_id: str, lesson_id: str) -> None:
    known = exists().where(
        RecordedLesson.module_id == module_id, RecordedLesson.lesson_id == lesson_id
    )
    if db.session.scalar(select(known)):
        return
    try:
        with db.session.begin_nested():
            db.session.add(RecordedLesson(module_id=module_id, lesson_id=lesson_id))
    except IntegrityError:
        pass  # a concurrent request recorded it first


def count_lesson(user_id: int, module_id: str, lesson_id: str, at: datetime) -> None:
    """A lesson newly recorded as read."""
    _remember(module_id, lesson_id)
    changes = {"lessons_done": ModuleSummary.lessons_done + 1, "last_activity_at": _later(at)}
    _apply(user_id, module_id, changes, {"lessons_done": 1, "last_activity_at": at})


def count_attempt(attempt: QuizAttempt) -> None:
    """A submitted attempt: its score may be the best, it may pass."""
    assert attempt.submitted_at is not None, "only a submitted attempt is counted"
    best = ModuleSummary.best_score
    score = literal(attempt.score, best.type)
    changes = {
        "best_score": case((best.is_(None) | (best < score), score), else_=best),
        "last_activity_at": _later(attempt.submitted_at),
    }
    if attempt.is_passed:
        changes["quiz_passed"] = True
    first = {
        "best_score": attempt.score,
        "quiz_passed": bool(attempt.is_passed),
        "last_activity_at": attempt.submitted_at,
    }
    _apply(attempt.user_id, attempt.module_id, changes, first)
