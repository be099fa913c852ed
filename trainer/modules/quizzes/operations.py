"""Starting and submitting attempts. Functions flush; the view commits once."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from trainer.core.database import changed_rows
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import cycle_of
from trainer.modules.courses import Module, Question
from trainer.modules.quizzes.grading import grade, quiz_score
from trainer.modules.quizzes.models import QuestionAnswer, QuizAttempt
from trainer.modules.quizzes.signals import attempt_submitted

_random = secrets.SystemRandom()


class AttemptAlreadySubmitted(Exception):
    """The attempt has a recorded result; a second submission changes nothing."""


@dataclass(frozen=True)
class DrawnQuestion:
    question_id: str
    option_ids: tuple[int, ...]


def drawn_questions(attempt: QuizAttempt) -> list[DrawnQuestion]:
    return [DrawnQuestion(d["question"], tuple(d["options"])) for d in attempt.drawn]


def drawn_question(module: Module, question_id: str) -> Question:
    """A question drawn for an attempt, from the module version the attempt was made on."""
    question = module.quiz.question(question_id)
    assert question is not None, "an attempt draws only its module version's questions"
    return question


def open_attempt(user_id: int, module: Module) -> QuizAttempt | None:
    """The learner's unsubmitted attempt on this version of the module's quiz, if any."""
    return db.session.scalar(
        select(QuizAttempt)
        .where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.cycle == cycle_of(user_id),
            QuizAttempt.module_id == module.id,
            QuizAttempt.content_version == module.version,
            QuizAttempt.submitted_at.is_(None),
        )
        .order_by(QuizAttempt.id.desc())
        .limit(1)
    )


class TooSoon(Exception):
    """The learner must wait before trying the quiz again; `at` says until when."""

    def __init__(self, at: datetime) -> None:
        super().__init__(at)
        self.at = at


# Failed attempts before a wait applies: the first retry is free.
FREE_RETRIES = 1


def retry_at(user_id: int, module: Module) -> datetime | None:
    """When the learner may start another attempt, if not now: after each failed attempt
    from the second on, the quiz's `wait_minutes` must pass (a pass lifts the wait)."""
    if not module.quiz.wait_minutes:
        return None
    recent = db.session.execute(
        select(QuizAttempt.is_passed, QuizAttempt.submitted_at)
        .where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.module_id == module.id,
            QuizAttempt.submitted_at.is_not(None),
        )
        .order_by(QuizAttempt.submitted_at.desc())
        .limit(FREE_RETRIES + 1)
    ).all()
    if len(recent) <= FREE_RETRIES or any(row.is_passed for row in recent):
        return None
    at = recent[0].submitted_at + timedelta(minutes=module.quiz.wait_minutes)
    return at if at > utcnow() else None


def start_attempt(
    user_id: int, module: Module, language: str, draw: int | None = None
) -> QuizAttempt:
    """Draw questions from the pool (`draw` of them, the quiz's own number by default)
    and shuffle their options; reuse an open attempt. Raises TooSoon while the learner
    must wait after failed attempts."""
    existing = open_attempt(user_id, module)
    if existing is not None:
        return existing
    if (at := retry_at(user_id, module)) is not None:
        raise TooSoon(at)
    questions = _random.sample(module.quiz.questions, draw or module.quiz.draw)
    drawn = [
        {"question": q.id, "options": _random.sample([o.id for o in q.options], len(q.options))}
        for q in questions
    ]
    attempt = QuizAttempt(
        user_id=user_id,
        module_id=module.id,
        content_version=module.version,
        language=language,
        drawn=drawn,
        pass_mark=module.quiz.pass_mark,
    )
    db.session.add(attempt)
    db.session.flush()
    return attempt


def submit_attempt(
    attempt: QuizAttempt, module: Module, chosen: dict[str, list[int]]
) -> QuizAttempt:
    """Grade and record the answers once; a second or concurrent submission is refused."""
    scores = {q: grade(drawn_question(module, q), chosen[q]) for q in chosen}
    score = quiz_score(list(scores.values()))
    # Only one UPDATE can find the attempt still open, on SQLite and PostgreSQL alike.
    claimed = changed_rows(
        update(QuizAttempt)
        .where(QuizAttempt.id == attempt.id, QuizAttempt.submitted_at.is_(None))
        .values(submitted_at=utcnow(), score=score, is_passed=score >= attempt.pass_mark)
        .execution_options(synchronize_session=False)
    )
    if claimed != 1:
        raise AttemptAlreadySubmitted(attempt.id)
    for position, drawn in enumerate(drawn_questions(attempt), start=1):
        db.session.add(
            QuestionAnswer(
                attempt_id=attempt.id,
                question_id=drawn.question_id,
                position=position,
                chosen=chosen[drawn.question_id],
                score=scores[drawn.question_id],
            )
        )
    db.session.flush()
    db.session.refresh(attempt)
    attempt_submitted.send(attempt)
    return attempt
