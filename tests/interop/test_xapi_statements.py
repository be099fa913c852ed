"""What a learner does is queued as xAPI statements in the same transaction: who (an
account on this installation), what (stable, language-independent activity ids under
BASE_URL, names in fi/sv/en) and how it went (scores, responses as interactions)."""

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.app import AuthActions
from tests.helpers.xapi import (
    BASE_URL,
    XAPI_ON,
    queued,
    queued_jobs,
    read_lessons,
    sit_quiz,
    verbs,
    walk_course,
)
from trainer.extensions import db
from trainer.modules.accounts.operations import create_user
from trainer.modules.certificates.models import Certificate
from trainer.modules.certificates.operations import revoke_certificate
from trainer.modules.courses import catalogue, current_course
from trainer.modules.cycles.operations import open_renewal
from trainer.modules.learning.operations import mark_lesson_done
from trainer.modules.quizzes.models import QuizAttempt

ADL = "http://adlnet.gov/expapi"
REAL_COURSE = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def app_settings():
    return dict(XAPI_ON)


def test_nothing_is_queued_while_xapi_is_off(app, client, auth, users):
    app.config["XAPI_ENABLED"] = False
    auth.login()
    walk_course(client)
    assert queued() == []


def test_a_lesson_read_is_experienced_by_an_account_not_an_e_mail(client, auth, users):
    auth.login()
    client.post("/learn/recognising/definition/done", data={})
    client.post("/learn/recognising/definition/done", data={})  # read again: nothing new
    (statement,) = queued()
    assert statement["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": BASE_URL, "name": str(users["learner"].id)},
    }
    assert "learner@example.org" not in str(statement) and "Test Learner" not in str(statement)
    assert statement["verb"]["id"] == f"{ADL}/verbs/experienced"
    assert statement["object"]["id"] == f"{BASE_URL}/xapi/modules/recognising/lessons/definition"
    definition = statement["object"]["definition"]
    assert definition["type"] == f"{ADL}/activities/lesson"
    titles = {lang: catalogue().module(lang, "recognising").lesson("definition").title
              for lang in ("fi", "sv", "en")}  # fmt: skip
    assert definition["name"] == titles and len(set(titles.values())) == 3
    context = statement["context"]
    assert context["language"] == "en"
    assert context["contextActivities"]["parent"][0]["id"] == f"{BASE_URL}/xapi/modules/recognising"
    assert context["contextActivities"]["grouping"][0]["id"] == f"{BASE_URL}/xapi/course"
    assert statement["timestamp"].endswith("Z")


def test_activity_ids_are_the_same_whatever_language_the_learner_reads(app, client, users):
    finnish = create_user(email="fi@example.org", name="Aino", locale="fi")
    db.session.commit()
    mark_lesson_done(finnish.id, "recognising", "definition")
    mark_lesson_done(users["learner"].id, "recognising", "definition")
    db.session.commit()
    first, second = queued()
    assert first["object"] == second["object"]
    assert (first["context"]["language"], second["context"]["language"]) == ("fi", "en")
    assert first["id"] != second["id"]


def test_statements_go_with_their_transaction(app, users):
    mark_lesson_done(users["learner"].id, "recognising", "definition")
    db.session.rollback()
    assert queued() == []


def test_the_e_mail_identifies_the_learner_only_when_configured(app, client, auth, users):
    app.config["XAPI_ACTOR"] = "email"
    auth.login()
    client.post("/learn/recognising/definition/done", data={})
    (statement,) = queued()
    assert statement["actor"] == {
        "objectType": "Agent",
        "name": "Test Learner",
        "mbox": "mailto:learner@example.org",
    }


def test_a_quiz_attempt_gives_its_score_and_each_answer_as_an_interaction(client, auth, users):
    auth.login()
    attempt_id = sit_quiz(client, "recognising", right=False)
    attempt = db.session.get(QuizAttempt, attempt_id)
    statements = queued()
    draw = len(attempt.drawn)
    assert verbs(statements) == ["attempted", *["answered"] * draw, "failed"]
    assert len({s["context"]["registration"] for s in statements}) == 1
    quiz = f"{BASE_URL}/xapi/modules/recognising/quiz"
    assert statements[0]["object"]["id"] == quiz
    result = statements[-1]["result"]
    assert result["success"] is False and result["completion"] is True
    assert result["score"] == {
        "scaled": round(attempt.score / 100, 4), "raw": attempt.score, "min": 0, "max": 100
    }  # fmt: skip
    assert result["duration"].startswith("PT")
    module = catalogue().module("en", "recognising")
    for answer, statement in zip(attempt.answers, statements[1:-1], strict=True):
        question = module.quiz.question(answer.question_id)
        activity = statement["object"]
        assert activity["id"] == f"{BASE_URL}/xapi/modules/recognising/questions/{question.id}"
        definition = activity["definition"]
        assert definition["type"] == f"{ADL}/activities/cmi.interaction"
        kind = "sequencing" if question.kind == "ordering" else "choice"
        assert definition["interactionType"] == kind
        assert definition["correctResponsesPattern"] == ["[,]".join(map(str, question.answer))]
        assert [c["id"] for c in definition["choices"]] == [str(o.id) for o in question.options]
        assert set(definition["choices"][0]["description"]) == {"fi", "sv", "en"}
        assert set(definition["name"]) == {"fi", "sv", "en"}
        assert statement["result"]["response"] == "[,]".join(map(str, answer.chosen))
        assert statement["result"]["success"] is False
        assert statement["context"]["contextActivities"]["parent"][0]["id"] == quiz


def test_the_whole_course_completes_modules_the_course_and_earns_the_certificate(
    client, auth, users
):
    auth.login()
    walk_course(client)
    said = verbs(queued())
    assert said.count("completed") == 3 and said.count("earned") == 1
    assert said.count("passed") == 2 and said.count("failed") == 1
    completed = [s["object"]["id"] for s in queued() if s["verb"]["id"].endswith("completed")]
    modules = [f"{BASE_URL}/xapi/modules/{m}" for m in catalogue().module_ids]
    assert sorted(completed) == sorted([*modules, f"{BASE_URL}/xapi/course"])
    certificate = db.session.scalars(select(Certificate)).one()
    (earned,) = [s for s in queued() if s["verb"]["id"].endswith("earned")]
    assert earned["object"]["id"] == f"{BASE_URL}/xapi/certificates/{certificate.id}"
    assert certificate.code not in str(earned)
    (course_done,) = [s for s in queued() if s["object"]["id"] == f"{BASE_URL}/xapi/course"]
    assert course_done["timestamp"] <= earned["timestamp"], "completed, then certified"


def test_a_module_is_completed_once_when_its_quiz_is_passed_before_its_last_lesson(
    client, auth, users
):
    auth.login()
    sit_quiz(client, "helping")
    sit_quiz(client, "helping")  # passed again: no second completion
    assert "completed" not in verbs(queued())
    read_lessons(client, "helping")
    assert verbs(queued()).count("completed") == 1


def test_a_renewal_completes_each_module_again_when_its_quiz_is_passed(client, auth, users):
    """In a new training cycle the quiz passed again completes the module again."""
    auth.login()
    walk_course(client)
    certificate = db.session.scalars(select(Certificate)).one()
    module = f"{BASE_URL}/xapi/modules/helping"

    def completions() -> int:
        said = [s["object"]["id"] for s in queued() if s["verb"]["id"].endswith("completed")]
        return said.count(module)

    assert open_renewal(users["learner"], certificate, current_course()) is not None
    db.session.commit()
    assert completions() == 1, "the lessons carried over complete nothing yet"
    sit_quiz(client, "helping")
    assert completions() == 2


def test_a_revoked_certificate_is_recorded(app, client, auth, users):
    auth.login()
    walk_course(client)
    certificate = db.session.scalars(select(Certificate)).one()
    revoke_certificate(certificate, users["admin"].id, "Issued by mistake")
    db.session.commit()
    last = queued()[-1]
    assert last["verb"]["id"] == f"{BASE_URL}/xapi/verbs/certificate-revoked"
    assert last["object"]["id"] == f"{BASE_URL}/xapi/certificates/{certificate.id}"
    assert "Issued by mistake" not in str(last)
    assert queued_jobs()[-1].user_id == users["learner"].id


@pytest.mark.parametrize("app_settings", [{**XAPI_ON, "CONTENT_DIR": str(REAL_COURSE)}])
def test_a_choice_in_a_branching_case_is_an_answer_with_the_steps_choices(app, client, users):
    module = next(m for m in catalogue().course("en").modules if m.cases)
    case = module.cases[0]
    AuthActions(client).login()
    url = f"/learn/{module.id}/{case.id}/choose"
    response = client.post(url, data={"step": case.case.start.id, "choice": "1"})
    assert response.status_code == 302
    client.post(url, data={"step": case.case.start.id, "choice": "1"})  # stale: not recorded
    (statement,) = queued()
    step = f"{BASE_URL}/xapi/modules/{module.id}/lessons/{case.id}/steps/{case.case.start.id}"
    assert statement["verb"]["id"] == f"{ADL}/verbs/answered"
    assert statement["object"]["id"] == step
    definition = statement["object"]["definition"]
    assert definition["interactionType"] == "choice"
    assert [c["id"] for c in definition["choices"]] == [
        str(c.number) for c in case.case.start.choices
    ]
    assert statement["result"] == {"response": "1"}
    parent = statement["context"]["contextActivities"]["parent"][0]
    assert parent["id"] == f"{BASE_URL}/xapi/modules/{module.id}/lessons/{case.id}"
    assert "registration" in statement["context"]


def test_a_persons_export_holds_their_statements_and_deletion_drops_the_unsent(client, auth, users):
    from trainer.modules.privacy.operations import delete_person, export_person

    auth.login()
    walk_course(client)
    learner, admin = users["learner"], users["admin"]
    exported = export_person(learner, admin.id)
    assert exported["emails"] == []
    records = sorted((r["statement"] for r in exported["learning_records"]), key=lambda s: s["id"])
    assert records == sorted(queued(), key=lambda s: s["id"]) and records
    delete_person(learner, admin.id)
    db.session.commit()
    assert queued() == [], "nothing more about them goes to the store"
