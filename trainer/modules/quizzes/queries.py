"""Reads of attempts that several views need."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import load_only

from trainer.extensions import db
from trainer.modules.accounts.models import cycle_of
from trainer.modules.quizzes.models import QuizAttempt


def own_attempt_or_404(attempt_id: int, user_id: int) -> QuizAttempt:
    """The attempt if it is this user's; 404 otherwise, so others' ids reveal nothing."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        abort(404)
    return attempt


def passed_before(attempt: QuizAttempt) -> bool:
    """Whether the learner passed this module's quiz in another attempt of its cycle."""
    return (
        db.session.execute(
            select(func.count()).where(
                QuizAttempt.user_id == attempt.user_id,
                QuizAttempt.cycle == attempt.cycle,
                QuizAttempt.module_id == attempt.module_id,
                QuizAttempt.is_passed.is_(True),
                QuizAttempt.id != attempt.id,
            )
        ).scalar_one()
        > 0
    )


# The quiz page lists the latest few; a learner who tried more often is told how many.
RECENT_ATTEMPTS = 10


@dataclass(frozen=True)
class History:
    recent: list[QuizAttempt]
    count: int


def attempt_history(user_id: int, module_id: str) -> History:
    """The learner's latest submitted attempts on a module in their current training
    cycle, and how many there are."""
    rows = db.session.execute(
        select(QuizAttempt, func.count().over())
        .options(
            load_only(
                QuizAttempt.id, QuizAttempt.submitted_at, QuizAttempt.score, QuizAttempt.is_passed
            )
        )
        .where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.cycle == cycle_of(user_id),
            QuizAttempt.module_id == module_id,
            QuizAttempt.submitted_at.is_not(None),
        )
        .order_by(QuizAttempt.submitted_at.desc(), QuizAttempt.id.desc())
        .limit(RECENT_ATTEMPTS)
    ).all()
    return History([attempt for attempt, _ in rows], rows[0][1] if rows else 0)
