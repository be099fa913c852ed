"""Answering quizzes in tests as a learner would, through the form."""

import re
from datetime import timedelta

from sqlalchemy import select

from trainer.extensions import db
from trainer.modules.courses import QuestionKind, catalogue
from trainer.modules.quizzes.answers import field_name
from trainer.modules.quizzes.models import QuizAttempt


def start_attempt(client, module_id: str) -> QuizAttempt:
    response = client.post(f"/learn/{module_id}/quiz")
    assert response.status_code == 302, response.status_code
    attempt_id = int(re.search(r"/attempts/(\d+)", response.headers["Location"])[1])
    return db.session.get(QuizAttempt, attempt_id)


def form_for(attempt: QuizAttempt, *, right: bool = True) -> dict:
    """Form data answering every drawn question all right, or all wrong."""
    module = catalogue().module("en", attempt.module_id)
    data: dict = {}
    for position, drawn in enumerate(attempt.drawn, start=1):
        question = module.quiz.question(drawn["question"])
        shown = drawn["options"]
        if question.kind is QuestionKind.ORDERING:
            # Wrong: every step moved one place on, so none stays where it belongs.
            order = list(question.answer) if right else [*question.answer[1:], question.answer[0]]
            for index, step in enumerate(shown, start=1):
                data[field_name(position, index)] = str(order.index(step) + 1)
            continue
        wanted = [o for o in shown if (o in question.answer) == right]
        if question.kind is not QuestionKind.MULTIPLE:
            wanted = wanted[:1]
        data[field_name(position)] = [str(shown.index(o) + 1) for o in wanted]
    return data


def age_attempts(hours: int = 1) -> None:
    """Move every submitted attempt `hours` into the past, as if the learner had come
    back later (past any wait between failed attempts)."""
    db.session.expire_all()  # the requests wrote them through their own sessions
    for attempt in db.session.scalars(
        select(QuizAttempt).where(QuizAttempt.submitted_at.is_not(None))
    ):
        attempt.submitted_at -= timedelta(hours=hours)
    db.session.commit()
