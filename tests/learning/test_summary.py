"""The per-module summary the dashboard reads agrees with what the learner did."""

from sqlalchemy import select

from tests.helpers.quizzes import form_for, start_attempt
from tests.learning.test_journey import read_every_lesson
from trainer.extensions import db
from trainer.modules.courses import catalogue
from trainer.modules.learning.models import ModuleSummary


def summary(user_id: int, module_id: str) -> ModuleSummary:
    db.session.expire_all()
    return db.session.scalar(
        select(ModuleSummary).where(
            ModuleSummary.user_id == user_id, ModuleSummary.module_id == module_id
        )
    )


def test_summary_follows_lessons_and_attempts(client, auth, users):
    learner = users["learner"]
    auth.login("learner")
    module = catalogue().module("en", "recognising")
    first = module.lessons[0]
    for _ in range(2):  # reading a lesson twice counts once
        client.post(f"/learn/{module.id}/{first.id}/done", data={"then": "stay"})
    assert summary(learner.id, module.id).lessons_done == 1
    read_every_lesson(client, module)
    failed = start_attempt(client, module.id)
    client.post(f"/attempts/{failed.id}", data=form_for(failed, right=False))
    row = summary(learner.id, module.id)
    assert (row.lessons_done, row.best_score, row.quiz_passed) == (len(module.lessons), 0.0, False)
    passed = start_attempt(client, module.id)
    client.post(f"/attempts/{passed.id}", data=form_for(passed))
    worse = start_attempt(client, module.id)
    client.post(f"/attempts/{worse.id}", data=form_for(worse, right=False))
    row = summary(learner.id, module.id)
    assert (row.best_score, row.quiz_passed) == (100.0, True)  # a later failure takes nothing away
