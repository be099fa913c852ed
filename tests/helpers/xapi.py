"""xAPI in tests: the settings that turn it on, the statements queued, and a learner's
way through the course by the same requests a browser sends."""

from typing import Any

from sqlalchemy import select

from tests.helpers.quizzes import age_attempts, form_for, start_attempt
from trainer.core.jobs import Job
from trainer.extensions import db
from trainer.modules.courses import catalogue
from trainer.modules.interop.xapi_sending import KIND

BASE_URL = "https://trainer.example.org"
XAPI_ON = {"XAPI_ENABLED": True, "XAPI_ENDPOINT": "http://127.0.0.1:9/xAPI", "BASE_URL": BASE_URL}


def queued_jobs() -> list[Job]:
    db.session.expire_all()
    return list(db.session.scalars(select(Job).where(Job.kind == KIND).order_by(Job.id)))


def queued() -> list[dict[str, Any]]:
    """Every statement queued so far, in the order queued."""
    return [job.payload["statement"] for job in queued_jobs()]


def verbs(statements: list[dict[str, Any]]) -> list[str]:
    return [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements]


def read_lessons(client, module_id: str) -> None:
    module = catalogue().module("en", module_id)
    for lesson in module.lessons:
        if lesson.case is None:
            response = client.post(f"/learn/{module_id}/{lesson.id}/done", data={})
            assert response.status_code == 302, response.status_code


def sit_quiz(client, module_id: str, *, right: bool = True) -> int:
    attempt = start_attempt(client, module_id)
    response = client.post(f"/attempts/{attempt.id}", data=form_for(attempt, right=right))
    assert response.status_code == 302, response.status_code
    return attempt.id


def walk_course(client) -> None:
    """Every lesson read, one failed attempt at the first quiz, then every quiz passed:
    the course completed and its certificate issued."""
    for position, module in enumerate(catalogue().course("en").modules):
        read_lessons(client, module.id)
        if position == 0:
            sit_quiz(client, module.id, right=False)
            age_attempts()
        sit_quiz(client, module.id)
