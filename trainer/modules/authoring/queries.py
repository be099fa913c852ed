"""Reading the answers that question statistics are computed from, in two queries."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from trainer.extensions import db
from trainer.modules.accounts.access import TRAINERS
from trainer.modules.accounts.models import User
from trainer.modules.authoring.statistics import (
    AnswerRow,
    Basis,
    ModuleStatistics,
    module_statistics,
)
from trainer.modules.courses import Module
from trainer.modules.quizzes.models import QuestionAnswer, QuizAttempt

# Trainers and admins try quizzes out; their answers would distort the numbers.
UNCOUNTED_ROLES = TRAINERS


@dataclass(frozen=True, slots=True)
class VersionCount:
    version: str
    attempts: int
    last_submitted_at: datetime


@dataclass(frozen=True, slots=True)
class StatisticsPage:
    """The statistics of the module's current version, and the versions left out."""

    statistics: ModuleStatistics
    left_out: tuple[VersionCount, ...]


def _counted_attempts(module_id: str):
    """Submitted attempts on the module by people whose answers count."""
    return (
        select(QuizAttempt.id)
        .join(User, User.id == QuizAttempt.user_id)
        .where(
            QuizAttempt.module_id == module_id,
            QuizAttempt.submitted_at.is_not(None),
            User.role.not_in(UNCOUNTED_ROLES),
        )
    )


def answer_rows(module: Module) -> list[AnswerRow]:
    """Every answer of a counted attempt on the module's current version.

    An attempt is a first attempt when it is its learner's earliest submitted attempt
    on the module in any version: a learner whose first try was on an earlier
    version has no first attempt on this one.
    """
    first = (
        select(func.min(QuizAttempt.id).label("attempt_id"))
        .where(QuizAttempt.module_id == module.id, QuizAttempt.submitted_at.is_not(None))
        .group_by(QuizAttempt.user_id)
        .subquery()
    )
    counted = _counted_attempts(module.id).where(QuizAttempt.content_version == module.version)
    rows = db.session.execute(
        select(
            QuestionAnswer.attempt_id,
            QuizAttempt.language,
            first.c.attempt_id.is_not(None),
            QuestionAnswer.question_id,
            QuestionAnswer.chosen,
            QuestionAnswer.score,
        )
        .join(QuizAttempt, QuizAttempt.id == QuestionAnswer.attempt_id)
        .outerjoin(first, first.c.attempt_id == QuizAttempt.id)
        .where(QuizAttempt.id.in_(counted))
        .order_by(QuestionAnswer.attempt_id, QuestionAnswer.position)
    )
    return [
        AnswerRow(attempt_id, language, bool(is_first), question_id, tuple(chosen), score)
        for attempt_id, language, is_first, question_id, chosen, score in rows
    ]


def other_versions(module: Module) -> tuple[VersionCount, ...]:
    """Counted attempts on earlier versions of the module, which the statistics leave out."""
    attempts = _counted_attempts(module.id).where(QuizAttempt.content_version != module.version)
    rows = db.session.execute(
        select(QuizAttempt.content_version, func.count(), func.max(QuizAttempt.submitted_at))
        .where(QuizAttempt.id.in_(attempts))
        .group_by(QuizAttempt.content_version)
        .order_by(func.max(QuizAttempt.submitted_at).desc())
    )
    return tuple(
        VersionCount(version, attempts, last)
        for version, attempts, last in rows
        if last is not None  # always: only submitted attempts are counted
    )


def statistics_page(module: Module, basis: Basis) -> StatisticsPage:
    return StatisticsPage(
        module_statistics(module, answer_rows(module), basis), other_versions(module)
    )
