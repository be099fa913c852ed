"""An admin exports everything about a person, and deletes a person for good."""

import json

import pytest
from sqlalchemy import func, select

from tests.helpers.app import PASSWORD, AuthActions
from tests.helpers.certificates import issue_for
from tests.helpers.quizzes import form_for, start_attempt
from trainer.extensions import db
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.models import CertificateDocument, Status
from trainer.modules.quizzes.models import QuestionAnswer


@pytest.fixture
def history(app, client, users):
    """The learner read a lesson, answered a quiz and holds a certificate."""
    learner_client = app.test_client()
    AuthActions(learner_client).login("learner")
    learner_client.post("/learn/recognising/definition/done", data={"then": "stay"})
    attempt = start_attempt(learner_client, "recognising")
    learner_client.post(f"/attempts/{attempt.id}", data=form_for(attempt))
    return issue_for(users["learner"])


def test_export_holds_everything_stored_about_the_person(client, auth, users, history):
    auth.login("admin")
    response = client.post(f"/admin/users/{users['learner'].id}/personal-data.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store", "no cache keeps it"
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == "learner@example.org"
    assert data["lessons_read"][0]["lesson"] == "definition"
    assert data["quiz_attempts"][0]["answers"]
    assert data["certificates"][0]["code"] == history.code
    assert any(e["action"] == "account.signed_in" for e in data["audit_events"])
    assert {"due_date", "reminders_sent", "account_links"} <= set(data)


def test_deleting_anonymises_revokes_and_keeps_the_statistics(client, auth, users, history):
    learner = users["learner"]
    answers_before = db.session.scalar(select(func.count()).select_from(QuestionAnswer))
    auth.login("admin")
    page = client.get(f"/admin/users/{learner.id}/delete")
    assert page.status_code == 200
    wrong = client.post(f"/admin/users/{learner.id}/delete", data={"email": "someone@example.org"})
    assert wrong.status_code == 400
    response = client.post(f"/admin/users/{learner.id}/delete", data={"email": learner.email})
    assert response.status_code == 302
    db.session.expire_all()
    assert learner.name == "Deleted person"
    assert learner.email != "learner@example.org"
    assert learner.password_hash is None
    assert not learner.is_active
    assert db.session.scalar(select(func.count()).select_from(QuestionAnswer)) == answers_before
    assert history.status() is Status.REVOKED
    assert history.revoked_reason == "account deleted"
    assert history.holder == "Deleted person"
    assert db.session.scalar(select(func.count()).select_from(CertificateDocument)) == 0
    verification = client.get(f"/verify/{display_code(history.code)}").get_data(as_text=True)
    assert "Test Learner" not in verification
    assert "revoked" in verification


def test_a_deleted_person_cannot_sign_in(app, client, auth, users):
    auth.login("admin")
    client.post(f"/admin/users/{users['learner'].id}/delete", data={"email": "learner@example.org"})
    again = AuthActions(app.test_client()).login("learner", password=PASSWORD)
    assert again.status_code == 200  # the sign-in page again, with its message


@pytest.mark.parametrize("role", ["learner", "trainer", "manager"])
def test_only_admins_export_or_delete(client, auth, users, role):
    auth.login(role)
    target = users["learner"].id
    assert client.post(f"/admin/users/{target}/personal-data.json").status_code == 403
    assert client.get(f"/admin/users/{target}/delete").status_code == 403
    assert client.post(f"/admin/users/{target}/delete", data={"email": "x"}).status_code == 403


def test_an_admin_cannot_delete_themself(client, auth, users):
    auth.login("admin")
    assert client.get(f"/admin/users/{users['admin'].id}/delete").status_code == 403


def test_the_feedback_a_person_sent_is_in_their_export_and_deleted_with_them(
    app, client, auth, users
):
    """Theirs: sent signed in, or sent by anyone giving their address; not others'."""
    learner = users["learner"]
    signed_in = app.test_client()
    AuthActions(signed_in).login("learner")
    signed_in.post("/accessibility", data={"message": "Sent signed in by Test Learner."})
    visitor = app.test_client()
    visitor.post(
        "/accessibility",
        data={"message": "Sent before signing in.", "email": "Learner@Example.org"},
    )
    visitor.post("/accessibility", data={"message": "Someone else's.", "email": "x@example.org"})
    auth.login("admin")
    export = client.post(f"/admin/users/{learner.id}/personal-data.json").get_json()
    assert sorted(m["message"] for m in export["feedback_sent"]) == [
        "Sent before signing in.",
        "Sent signed in by Test Learner.",
    ]

    client.post(f"/admin/users/{learner.id}/delete", data={"email": learner.email})
    listed = client.get("/admin/feedback").get_data(as_text=True)
    assert "Someone else&#39;s." in listed
    assert "Sent signed in" not in listed and "Sent before signing in" not in listed
    assert "Learner@Example.org" not in listed
