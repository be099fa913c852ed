"""Learners who have completed the course, each with a signed-in client, and a count
of every row the evaluation writes."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.helpers.app import AuthActions
from tests.helpers.certificates import issue_for
from tests.helpers.progress import person
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.evaluation.models import EvaluationAnswer, EvaluationBallot, EvaluationReply


@dataclass
class Learner:
    user: User
    client: FlaskClient

    def answer(self, ratings: dict[str, object] | None = None, comment: str = "", **extra):
        form = {f"statement-{k}": str(v) for k, v in (ratings or {}).items()}
        if comment:
            form["comment"] = comment
        return self.client.post("/learn/evaluation", data={**form, **extra})


@pytest.fixture
def completer(app, centres) -> Callable[..., Learner]:
    """A learner of centre "a" or "b" who has completed the course, signed in."""

    def make(name: str, centre: str = "a", locale: str = "en") -> Learner:
        user = person(name, centres[centre], locale=locale)
        issue_for(user, locale, drawn=False)  # the evaluation needs the completion, not the PDF
        client = app.test_client()
        AuthActions(client).login(user.email)
        return Learner(user, client)

    return make


def rows() -> dict[str, int]:
    """How many replies, ballots and counted answers are stored."""
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model)) or 0
        for model in (EvaluationReply, EvaluationBallot, EvaluationAnswer)
    }


ALL_AGREE = {"relevant": 5, "signs": 4, "clear": 5, "length": 3, "recommend": 5}
