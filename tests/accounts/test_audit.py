"""The audit log: one event for each administrative change, with who did it, before and
after and the client's address, read by admins in words, in their language and in
Helsinki time; filtered, and downloaded as CSV for Excel."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from tests.accounts.test_onboarding_import import GOOD, confirm, upload
from tests.helpers.app import PASSWORD
from tests.helpers.certificates import issue_for
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.accounts.operations import create_user

ADDRESS = "203.0.113.7"


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def last_event_id() -> int:
    return db.session.scalar(select(func.max(AuditEvent.id))) or 0


def changes_since(event_id: int) -> list[AuditEvent]:
    """Events after `event_id`, but for signing in (which is not a change)."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.id > event_id, AuditEvent.action != "account.signed_in")
            .order_by(AuditEvent.id)
        )
    )


def audit_page(client, **filters) -> str:
    response = client.get("/admin/audit", query_string=filters)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def sign_in_as(auth, role: str) -> None:
    auth.logout()
    auth.login(role)


def edit(client, user, **fields):
    """The admin's form for one account, sent with what it shows changed by `fields`."""
    data = {
        "role": user.role,
        "centre": user.centre_id or 0,
        "managed_centres": [c.id for c in user.managed_centres],
        "is_active": "y",
        "password_sign_in": "y" if user.password_sign_in else None,
    }
    data.update(fields)
    data = {name: value for name, value in data.items() if value is not None}
    assert client.post(f"/admin/users/{user.id}", data=data).status_code == 302


@dataclass(frozen=True)
class Change:
    """One administrative change: who makes it, how, and the log's words for it."""

    action: str
    role: str
    make: Callable  # (client, users, centres, prepared) -> None
    english: str
    finnish: str
    # What must exist first, made before the change: (users, centres) -> prepared
    prepare: Callable = lambda users, centres: None


def pending_person(users, centres):
    person = create_user(email="pending@example.org", name="Pia Pending", centre=centres["a"])
    db.session.commit()
    return person


def revoke(client, users, centres, certificate):
    url = f"/certificates/{certificate.id}/revoke"
    assert client.post(url, data={"reason": "Issued by mistake"}).status_code == 302


CHANGES = {
    "centre": Change(
        "centre.created",
        "admin",
        lambda client, users, centres, _prepared: client.post(
            "/admin/centres", data={"name": "Centre C"}
        ),
        "Test Admin created the centre Centre C.",
        "Test Admin loi yksikön Centre C.",
    ),
    "centre renamed": Change(
        "centre.renamed",
        "admin",
        lambda client, users, centres, _prepared: client.post(
            f"/admin/centres/{centres['a'].id}", data={"name": "Centre Alpha"}
        ),
        "Test Admin renamed the centre Centre A to Centre Alpha.",
        "Test Admin muutti yksikön nimen: aiemmin Centre A, nyt Centre Alpha.",
    ),
    "account": Change(
        "account.created",
        "admin",
        lambda client, users, centres, _prepared: client.post(
            "/admin/users",
            data={
                "email": "liisa@example.org",
                "name": "Liisa Learner",
                "role": "manager",
                "locale": "fi",
                "centre": centres["b"].id,
                "password": PASSWORD,
            },
        ),
        "Test Admin created the account of Liisa Learner (Manager, Centre B).",
        "Test Admin loi käyttäjätilin henkilölle Liisa Learner (Esihenkilö, Centre B).",
    ),
    "role": Change(
        "account.role_changed",
        "admin",
        lambda client, users, centres, _prepared: edit(client, users["learner"], role="trainer"),
        "Test Admin changed the role of Test Learner from Learner to Trainer.",
        "Test Admin muutti henkilön Test Learner roolia: aiemmin Opiskelija, nyt Kouluttaja.",
    ),
    "centre of a person": Change(
        "account.centre_changed",
        "admin",
        lambda client, users, centres, _prepared: edit(
            client, users["learner"], centre=centres["b"].id
        ),
        "Test Admin changed the centre of Test Learner from Centre A to Centre B.",
        "Test Admin muutti henkilön Test Learner yksikköä: aiemmin Centre A, nyt Centre B.",
    ),
    "centres managed": Change(
        "account.centres_managed_changed",
        "admin",
        lambda client, users, centres, _prepared: edit(
            client, users["manager"], managed_centres=[centres["a"].id, centres["b"].id]
        ),
        "Test Admin changed the centres Test Manager manages from Centre A to Centre A, Centre B.",
        "Test Admin muutti henkilön Test Manager hallinnoimia yksiköitä:"
        " aiemmin Centre A, nyt Centre A, Centre B.",
    ),
    "closing an account": Change(
        "account.closed",
        "admin",
        lambda client, users, centres, _prepared: edit(client, users["learner"], is_active=None),
        "Test Admin closed the account of Test Learner.",
        "Test Admin sulki henkilön Test Learner käyttäjätilin.",
    ),
    "import": Change(
        "people.imported",
        "manager",
        lambda client, users, centres, _prepared: confirm(
            client, upload(client, GOOD, centres["a"].id).get_data(as_text=True)
        ),
        "Test Manager imported a staff list into Centre A: 3 added and invited, 0 updated.",
        "Test Manager toi henkilöstölistan yksikköön Centre A:"
        " lisättyjä ja kutsuttuja 3, päivitettyjä 0.",
    ),
    "invitation": Change(
        "invitation.sent",
        "manager",
        lambda client, users, centres, pending: client.post(f"/people/{pending.id}/invitation"),
        "Test Manager sent Pia Pending a new invitation.",
        "Test Manager lähetti henkilölle Pia Pending uuden kutsun.",
        pending_person,
    ),
    "due date of a centre": Change(
        "centre.due_date",
        "manager",
        lambda client, users, centres, _prepared: client.post(
            f"/reports/centres/{centres['a'].id}/due-date", data={"due_on": "2030-12-31"}
        ),
        "Test Manager changed the due date of Centre A from no due date to 31 December 2030.",
        "Test Manager muutti määräpäivän kohteelle Centre A:"
        " aiemmin ei määräpäivää, nyt 31. joulukuuta 2030.",
    ),
    "due date of a person": Change(
        "person.due_date",
        "manager",
        lambda client, users, centres, _prepared: client.post(
            f"/reports/people/{users['learner'].id}/due-date", data={"due_on": "2030-12-31"}
        ),
        "Test Manager changed the due date of Test Learner from no due date to 31 December 2030.",
        "Test Manager muutti määräpäivän kohteelle Test Learner:"
        " aiemmin ei määräpäivää, nyt 31. joulukuuta 2030.",
    ),
    "revocation": Change(
        "certificate.revoked",
        "manager",
        revoke,
        "Test Manager revoked the certificate {code} of Test Learner. Reason: Issued by mistake",
        "Test Manager mitätöi henkilön Test Learner todistuksen {code}. Syy: Issued by mistake",
        lambda users, centres: issue_for(users["learner"]),
    ),
    "personal-data export": Change(
        "person.exported",
        "admin",
        lambda client, users, centres, _prepared: client.post(
            f"/admin/users/{users['learner'].id}/personal-data.json"
        ),
        "Test Admin downloaded the personal data of Test Learner.",
        "Test Admin latasi henkilön Test Learner henkilötiedot.",
    ),
    "personal-data deletion": Change(
        "person.deleted",
        "admin",
        lambda client, users, centres, _prepared: client.post(
            f"/admin/users/{users['trainer'].id}/delete", data={"email": "trainer@example.org"}
        ),
        "Test Admin deleted the personal data of Deleted person.",
        "Test Admin poisti henkilön Deleted person henkilötiedot.",
    ),
}


@pytest.mark.parametrize("name", CHANGES)
def test_each_administrative_change_is_one_event_in_words(client, auth, users, centres, name):
    change = CHANGES[name]
    client.environ_base["REMOTE_ADDR"] = ADDRESS
    auth.login(change.role)
    prepared = change.prepare(users, centres)
    before = last_event_id()
    change.make(client, users, centres, prepared)
    [event] = changes_since(before)
    assert (event.action, event.actor_id) == (change.action, users[change.role].id)
    assert event.address == ADDRESS
    code = event.detail.get("code", "")
    sign_in_as(auth, "admin")
    assert change.english.format(code=code) in audit_page(client)
    users["admin"].locale = "fi"
    db.session.commit()
    assert change.finnish.format(code=code) in audit_page(client)


def test_before_and_after_are_kept_as_data(client, auth, users, centres):
    auth.login("admin")
    manager = users["manager"]
    edit(client, manager, role="admin", managed_centres=[], centre=centres["b"].id)
    details = {e.action: e.detail for e in changes_since(0) if e.subject == f"user:{manager.id}"}
    assert details["account.role_changed"] == {"before": "manager", "after": "admin"}
    assert details["account.centre_changed"] == {
        "before": centres["a"].id,
        "after": centres["b"].id,
    }
    assert details["account.centres_managed_changed"] == {"before": [centres["a"].id], "after": []}


def test_a_form_sent_again_unchanged_records_nothing(client, auth, users, centres):
    auth.login("manager")
    url = f"/reports/centres/{centres['a'].id}/due-date"
    client.post(url, data={"due_on": "2030-12-31"})
    sign_in_as(auth, "admin")
    before = last_event_id()
    edit(client, users["learner"])
    sign_in_as(auth, "manager")
    client.post(url, data={"due_on": "2030-12-31"})
    assert changes_since(before) == []


def test_sign_in_and_failed_sign_in_are_recorded(client, auth, users):
    auth.login(password="not the password!")
    auth.login()
    failed = events("account.sign_in_failed")
    assert [e.subject for e in failed] == ["email:learner@example.org"]
    assert [e.actor_id for e in events("account.signed_in")] == [users["learner"].id]


def test_an_older_event_still_reads_in_words(client, auth, users):
    """Role changes were recorded as from/to before before/after."""
    learner = users["learner"]
    db.session.add(
        AuditEvent(
            actor_id=users["admin"].id,
            action="account.role_changed",
            subject=f"user:{learner.id}",
            detail={"from": "learner", "to": "manager"},
        )
    )
    db.session.commit()
    auth.login("admin")
    page = audit_page(client)
    assert "Test Admin changed the role of Test Learner from Learner to Manager." in page


def test_times_are_shown_in_helsinki_time(client, auth, users):
    # 21:30 UTC on 30 June is 00:30 on 1 July in Helsinki (UTC+3 in summer).
    late = datetime(2026, 6, 30, 21, 30, 5, tzinfo=UTC)
    db.session.add(AuditEvent(at=late, actor_id=None, action="centre.created", subject="x:1"))
    db.session.commit()
    auth.login("admin")
    assert "1 Jul 2026, 0.30.05" in audit_page(client)
    # The date filter goes by Helsinki days too.
    july = {"action": "centre.created", "since": "2026-07-01", "until": "2026-07-01"}
    assert "1 event" in audit_page(client, **july)
    assert "0 events" in audit_page(client, **july | {"since": "2026-06-30", "until": "2026-06-30"})
    users["admin"].locale = "fi"
    db.session.commit()
    assert "1.7.2026 0.30.05" in audit_page(client)


def test_admin_filters_by_kind_actor_and_subject(client, auth, users, centres):
    auth.login(password="wrong once more")
    sign_in_as(auth, "admin")
    edit(client, users["learner"], role="trainer")
    edit(client, users["manager"], centre=centres["b"].id)
    page = audit_page(client, action="account.sign_in_failed")
    assert "Someone failed to sign in with the e-mail learner@example.org." in page
    assert "Test Admin signed in." not in page
    by_actor = audit_page(client, actor="test adm")  # part of the name, any case
    assert "Test Admin signed in." in by_actor
    assert "failed to sign in" not in by_actor
    about = audit_page(client, about="MANAGER@example")
    assert "centre of Test Manager" in about
    assert "created the account of Test Manager" in about
    assert "role of Test Learner" not in about
    about_centre = audit_page(client, about="Centre A")
    assert "created the centre Centre A" in about_centre
    assert "Test Manager" not in about_centre
    kinds = audit_page(client)
    assert '<option value="account.role_changed">Role changed</option>' in kinds


def test_a_malformed_filter_is_a_clear_400(client, auth, users):
    auth.login("admin")
    for path in ("/admin/audit", "/admin/audit.csv"):
        response = client.get(path, query_string={"since": "yesterday"})
        assert response.status_code == 400
        assert 'class="error-summary"' in response.get_data(as_text=True)


def read_csv(response, delimiter: str) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=delimiter))


def test_the_filtered_log_downloads_as_csv_for_excel(client, auth, users, centres):
    auth.login("admin")
    client.environ_base["REMOTE_ADDR"] = ADDRESS
    client.post("/admin/centres", data={"name": "=HYPERLINK(1)"})
    edit(client, users["learner"], role="trainer")
    query = {"action": "account.role_changed"}
    english = read_csv(client.get("/admin/audit.csv", query_string=query), ",")
    assert english[0] == [
        "Time (Helsinki)",
        "Action",
        "Done by",
        "About",
        "What happened",
        "IP address",
    ]
    [row] = english[1:]
    assert row[1:] == [
        "Role changed",
        "Test Admin <admin@example.org>",
        "Test Learner",
        "Test Admin changed the role of Test Learner from Learner to Trainer.",
        ADDRESS,
    ]
    users["admin"].locale = "fi"
    db.session.commit()
    finnish = read_csv(
        client.get("/admin/audit.csv", query_string={"action": "centre.created"}), ";"
    )
    assert finnish[0][:3] == ["Aika (Suomen aika)", "Toiminto", "Tekijä"]
    created = [row for row in finnish[1:] if row[2].startswith("Test Admin")]
    assert created[0][3] == "'=HYPERLINK(1)"  # a formula in a cell is only text
