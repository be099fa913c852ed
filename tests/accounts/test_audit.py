"""Security-relevant events land in the audit log, which only admins read and filter."""

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from trainer.core.audit import AuditEvent
from trainer.extensions import db


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_sign_in_and_failed_sign_in_are_recorded(client, auth, users):
    auth.login(password="not the password!")
    auth.login()
    failed = events("account.sign_in_failed")
    assert [e.subject for e in failed] == ["email:learner@example.org"]
    assert [e.actor_id for e in events("account.signed_in")] == [users["learner"].id]


def test_role_change_is_recorded_with_who_did_it(client, auth, users):
    auth.login("admin")
    learner = users["learner"]
    client.post(
        f"/admin/users/{learner.id}",
        data={"role": "trainer", "centre": learner.centre_id, "is_active": "y"},
    )
    [event] = events("account.role_changed")
    assert (event.actor_id, event.subject) == (users["admin"].id, f"user:{learner.id}")
    assert event.detail == {"from": "learner", "to": "trainer"}


def test_admin_filters_the_log(client, auth, users):
    auth.login(password="wrong once more")
    auth.login("admin")
    page = client.get("/admin/audit", query_string={"action": "account.sign_in_failed"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "email:learner@example.org" in text
    assert f"user:{users['admin'].id}" not in text
    by_actor = client.get("/admin/audit", query_string={"actor": "admin@example.org"})
    assert f"user:{users['admin'].id}" in by_actor.get_data(as_text=True)
    assert "1 event" in by_actor.get_data(as_text=True)


def test_a_malformed_filter_is_a_clear_400(client, auth, users):
    auth.login("admin")
    response = client.get("/admin/audit", query_string={"since": "yesterday"})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["learner", "trainer", "manager"])
def test_only_admins_read_the_log(client, auth, users, role):
    auth.login(role, password=PASSWORD)
    assert client.get("/admin/audit").status_code == 403
