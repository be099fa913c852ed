"""Failed sign-ins name a typed e-mail: the person's data, exported, erased, and pruned.

Finding 13 of [hardening-2]: audit events keyed by a typed e-mail were missing from
the person's export and survived their deletion, and nothing ever removed them.
"""

import json
from datetime import timedelta

from sqlalchemy import select

from tests.helpers.app import PASSWORD, AuthActions
from trainer.core.audit import AuditEvent
from trainer.core.time import utcnow
from trainer.extensions import db

VICTIM = "learner@example.org"


def fail_sign_in(app, email: str, address: str) -> None:
    client = app.test_client()
    client.post(
        "/login",
        data={"email": email, "password": "not the password"},
        environ_base={"REMOTE_ADDR": address},
    )


def events(*where) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(*where)))


def test_the_export_holds_failed_sign_ins_with_the_persons_email(app, client, auth, users):
    fail_sign_in(app, " Learner@Example.org ", "203.0.113.9")
    fail_sign_in(app, "someone.else@example.org", "203.0.113.9")
    own = app.test_client()
    own.post(
        "/login",
        data={"email": VICTIM, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "192.0.2.1"},
    )
    auth.login("admin")
    response = client.post(f"/admin/users/{users['learner'].id}/personal-data.json")
    assert "no-store" in response.headers["Cache-Control"]
    exported = json.loads(response.get_data(as_text=True))["audit_events"]
    failed = [e for e in exported if e["action"] == "account.sign_in_failed"]
    assert [e["subject"] for e in failed] == [f"email:{VICTIM}"]
    signed_in = next(e for e in exported if e["action"] == "account.signed_in")
    assert signed_in["address"] == "192.0.2.1"  # their own address, from their own act
    assert failed[0]["address"] is None  # whoever typed it: not theirs to see


def test_deleting_the_person_erases_their_email_and_addresses_from_the_log(
    app, client, auth, users
):
    fail_sign_in(app, VICTIM, "203.0.113.9")
    AuthActions(app.test_client()).login("learner")
    learner = users["learner"]
    auth.login("admin")
    response = client.post(f"/admin/users/{learner.id}/delete", data={"email": VICTIM})
    assert response.status_code == 302
    db.session.expire_all()
    assert events(AuditEvent.subject.contains("learner@example.org")) == []
    about = events(AuditEvent.subject == f"user:{learner.id}")
    assert "account.sign_in_failed" in {e.action for e in about}  # what happened stays
    assert all(e.address is None for e in about if e.action != "person.deleted")


def test_audit_prune_deletes_failed_sign_ins_past_the_retention_period(app, runner, users):
    fail_sign_in(app, VICTIM, "203.0.113.9")
    fail_sign_in(app, "nobody@example.org", "203.0.113.9")
    AuthActions(app.test_client()).login("learner")
    old, recent = events(AuditEvent.action == "account.sign_in_failed")
    old.at = utcnow() - timedelta(days=91)
    signed_in = events(AuditEvent.action == "account.signed_in")[0]
    signed_in.at = utcnow() - timedelta(days=400)
    db.session.commit()

    result = runner.invoke(args=["audit", "prune"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 failed sign-ins older than 90 days." in result.output
    db.session.expire_all()
    remaining = events()
    assert recent in remaining and signed_in in remaining and old not in remaining

    result = runner.invoke(args=["audit", "prune", "--days", "0"])
    assert "Deleted 1 failed sign-ins" in result.output
    assert events(AuditEvent.action == "account.sign_in_failed") == []
