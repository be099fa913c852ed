"""One rule for what a manager may see and do with a person (findings 10 and 12).

Before: a manager could download and revoke the certificate of a trainer, manager or
admin of their centre but got 404 on that person's page, and the import preview said
whether an e-mail had an account in another centre.
"""

import re

from sqlalchemy import select

from tests.accounts.test_onboarding_import import confirm, count, upload
from tests.helpers.app import PASSWORD
from tests.helpers.certificates import issue_for
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.accounts.models import User, user_by_email
from trainer.modules.accounts.operations import create_user


def reach(client, certificate, person) -> dict[str, int]:
    """What the signed-in viewer gets on the person's page and their certificate."""
    return {
        "person page": client.get(f"/reports/people/{person.id}").status_code,
        "download": client.get(f"/certificates/{certificate.id}/en.pdf").status_code,
        "revoke page": client.get(f"/certificates/{certificate.id}/revoke").status_code,
    }


def listed(client, centre, certificate) -> bool:
    page = client.get(f"/certificates/centres/{centre.id}").get_data(as_text=True)
    return f"/certificates/{certificate.id}/" in page


def test_staff_of_other_roles_are_out_of_a_managers_reach_everywhere(client, auth, users, centres):
    certificate = issue_for(users["trainer"])
    auth.login("manager")
    assert reach(client, certificate, users["trainer"]) == dict.fromkeys(
        ("person page", "download", "revoke page"), 404
    )
    assert not listed(client, centres["a"], certificate)
    response = client.post(f"/certificates/{certificate.id}/revoke", data={"reason": "test"})
    assert response.status_code == 404
    db.session.refresh(certificate)
    assert certificate.revoked_at is None


def test_a_learner_of_the_centre_is_in_reach_everywhere(client, auth, users, centres):
    certificate = issue_for(users["learner"])
    auth.login("manager")
    assert set(reach(client, certificate, users["learner"]).values()) == {200}
    assert listed(client, centres["a"], certificate)


def test_a_person_who_moved_belongs_to_their_new_centres_manager(client, auth, users, centres):
    certificate = issue_for(users["learner"])  # issued in centre A
    users["learner"].centre = centres["b"]
    manager_b = create_user(
        email="manager_b@example.org", name="Manager B", role="manager", password=PASSWORD
    )
    manager_b.managed_centres = [centres["b"]]
    db.session.commit()
    auth.login("manager")
    assert set(reach(client, certificate, users["learner"]).values()) == {404}
    assert not listed(client, centres["a"], certificate)
    auth.logout()
    auth.login("manager_b")
    assert set(reach(client, certificate, users["learner"]).values()) == {200}
    assert listed(client, centres["b"], certificate)


def test_an_admin_reaches_everyone(client, auth, users):
    certificate = issue_for(users["trainer"])
    auth.login("admin")
    assert set(reach(client, certificate, users["trainer"]).values()) == {200}


def without_token(page: str) -> str:
    # Every form's token, the header's language switcher's too: it carries the second.
    return re.sub(r'name="csrf_token"( type="hidden")? value="[^"]*"', "", page)


LIST = b"Bo Elsewhere,bo@example.org,sv\nAnna First,anna@example.org,sv\n"


def test_the_import_preview_does_not_tell_who_has_an_account_elsewhere(
    client, auth, users, centres
):
    auth.login("manager")
    before = upload(client, LIST, centres["a"].id)
    create_user(email="bo@example.org", name="Bo", centre=centres["b"])
    create_user(email="anna@example.org", name="Anna", role="trainer", centre=centres["a"])
    db.session.commit()
    after = upload(client, LIST, centres["a"].id)
    assert after.status_code == before.status_code == 200
    page = without_token(after.get_data(as_text=True))
    assert page == without_token(before.get_data(as_text=True))
    assert "another centre" not in page

    # Confirmed, it changes neither account and tells an admin in the audit log.
    assert confirm(client, page).status_code == 302
    bo, anna = user_by_email("bo@example.org"), user_by_email("anna@example.org")
    assert (bo.centre_id, bo.name, anna.role, anna.name) == (
        centres["b"].id,
        "Bo",
        "trainer",
        "Anna",
    )
    held = db.session.scalars(
        select(AuditEvent.subject).where(AuditEvent.action == "people.import_held")
    ).all()
    assert sorted(held) == sorted([f"user:{bo.id}", f"user:{anna.id}"])
    assert count(User) == 6  # the four users, Bo and Anna: nobody created twice
