"""What learners do, queued as xAPI statements in the same transaction as the deed.

Each receiver listens to a signal of a module below (learning, quizzes, certificates),
builds the statements while the course and the learner are at hand, and adds them to
the job queue; the worker (`trainer xapi work`) sends them. With TRAINER_XAPI_ENABLED
off nothing is queued.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import select

from trainer.core import jobs
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.certificates.models import Certificate
from trainer.modules.certificates.signals import certificate_issued, certificate_revoked
from trainer.modules.courses import catalogue
from trainer.modules.interop.xapi_sending import KIND
from trainer.modules.interop.xapi_statements import StatementMaker, duration, response, score
from trainer.modules.learning.models import CourseCompletion
from trainer.modules.learning.signals import (
    case_choice_made,
    course_completed,
    lesson_read,
    module_completed,
)
from trainer.modules.quizzes.models import QuizAttempt
from trainer.modules.quizzes.signals import attempt_submitted

Statement = dict[str, Any]


def actor_for(user: User) -> dict[str, Any]:
    """The learner as the record store knows them: an account on this installation, or
    with TRAINER_XAPI_ACTOR=email their address and name."""
    config = current_app.config
    if config["XAPI_ACTOR"] == "email":
        return {"objectType": "Agent", "name": user.name, "mbox": f"mailto:{user.email}"}
    account = {"homePage": config["BASE_URL"], "name": str(user.id)}
    return {"objectType": "Agent", "account": account}


def _queue(user_id: int, build: Callable[[StatementMaker, str], list[Statement]]) -> None:
    """Queue what `build(maker, learner's language)` makes, when xAPI is on."""
    if not current_app.config["XAPI_ENABLED"]:
        return
    user = db.session.get(User, user_id)
    if user is None:
        return
    courses = catalogue()
    maker = StatementMaker(current_app.config["BASE_URL"], courses, actor_for(user))
    statements = build(maker, courses.language_for(user.locale))
    jobs.enqueue_many(KIND, [({"statement": statement}, user_id) for statement in statements])


@lesson_read.connect
def _lesson_experienced(user_id: int, module_id: str, lesson_id: str, at: datetime, **_) -> None:
    def build(maker: StatementMaker, language: str) -> list[Statement]:
        lesson = maker.lesson(module_id, lesson_id)
        parent = maker.module(module_id)
        return [maker.statement("experienced", lesson, at, language=language, parents=(parent,))]

    _queue(user_id, build)


@case_choice_made.connect
def _case_choice(
    user_id: int,
    module_id: str,
    case_id: str,
    run: int,
    step_id: str,
    choice: int,
    at: datetime,
    **_,
) -> None:
    def build(maker: StatementMaker, language: str) -> list[Statement]:
        step = maker.step(module_id, case_id, step_id)
        if step is None:
            return []
        return [
            maker.statement(
                "answered",
                step,
                at,
                language=language,
                parents=(maker.lesson(module_id, case_id),),
                result={"response": str(choice)},
                registration=maker.registration("cases", user_id, module_id, case_id, run),
            )
        ]

    _queue(user_id, build)


@attempt_submitted.connect
def _quiz_attempted(attempt: QuizAttempt, **_) -> None:
    """The attempt, the answer to each question drawn, and the result, tied together by
    one registration."""
    assert attempt.submitted_at is not None and attempt.score is not None
    submitted_at, percent, module_id = attempt.submitted_at, attempt.score, attempt.module_id

    def build(maker: StatementMaker, _language: str) -> list[Statement]:
        quiz, module = maker.quiz(module_id), maker.module(module_id)
        registration = maker.registration("attempts", attempt.id)

        def about(verb: str, activity: Statement, at: datetime, **more: Any) -> Statement:
            return maker.statement(
                verb, activity, at, language=attempt.language, registration=registration, **more
            )

        made = [about("attempted", quiz, attempt.started_at, parents=(module,))]
        for answer in attempt.answers:
            question = maker.question(module_id, answer.question_id)
            if question is None:
                continue
            result = {
                "response": response(answer.chosen),
                "success": answer.is_right,
                "score": {"scaled": round(answer.score, 4)},
            }
            made.append(about("answered", question, submitted_at, parents=(quiz,), result=result))
        result = {
            "score": score(percent),
            "success": bool(attempt.is_passed),
            "completion": True,
            "duration": duration(submitted_at - attempt.started_at),
        }
        verb = "passed" if attempt.is_passed else "failed"
        made.append(about(verb, quiz, submitted_at, parents=(module,), result=result))
        return made

    _queue(attempt.user_id, build)


@module_completed.connect
def _module_completed(user_id: int, module_id: str, at: datetime, **_) -> None:
    def build(maker: StatementMaker, language: str) -> list[Statement]:
        completed = {"completion": True}
        module = maker.module(module_id)
        return [maker.statement("completed", module, at, language=language, result=completed)]

    _queue(user_id, build)


@course_completed.connect
def _course_completed(user_id: int, **_) -> None:
    def build(maker: StatementMaker, language: str) -> list[Statement]:
        completed_at = db.session.scalar(
            select(CourseCompletion.completed_at).where(CourseCompletion.user_id == user_id)
        )
        course, completed = maker.course(), {"completion": True}
        at = completed_at or utcnow()
        return [maker.statement("completed", course, at, language=language, result=completed)]

    _queue(user_id, build)


def _about_certificate(certificate: Certificate, verb: str, at: datetime) -> None:
    def build(maker: StatementMaker, _language: str) -> list[Statement]:
        activity = maker.certificate(certificate.id)
        return [maker.statement(verb, activity, at, language=certificate.language)]

    _queue(certificate.user_id, build)


@certificate_issued.connect
def _certificate_issued(certificate: Certificate, **_) -> None:
    _about_certificate(certificate, "earned", certificate.issued_at)


@certificate_revoked.connect
def _certificate_revoked(certificate: Certificate, **_) -> None:
    _about_certificate(certificate, "revoked", certificate.revoked_at or utcnow())
