"""Reads of attempts that several views need."""

from flask import abort
from sqlalchemy import select

from trainer.extensions import db
from trainer.modules.quizzes.models import QuizAttempt


def own_attempt_or_404(attempt_id: int, user_id: int) -> QuizAttempt:
    """The attempt if it is this user's; 404 otherwise, so others' ids reveal nothing."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        abort(404)
    return attempt


def submitted_attempts(user_id: int, module_id: str) -> list[QuizAttempt]:
    return list(
        db.session.scalars(
            select(QuizAttempt)
            .where(
                QuizAttempt.user_id == user_id,
                QuizAttempt.module_id == module_id,
                QuizAttempt.submitted_at.is_not(None),
            )
            .order_by(QuizAttempt.submitted_at.desc())
        )
    )
