"""Revoking with a reason, in the audit log; a centre's certificates as one ZIP."""

import io
import re
import zipfile

import pytest
from sqlalchemy import select

from tests.helpers.certificates import issue_for, stored_pdf
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.certificates import operations
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.models import Status

REVOCATIONS = select(AuditEvent).where(AuditEvent.action == "certificate.revoked")


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_revoking_records_reason_and_actor_and_the_public_page_says_so(
    client, auth, people, certificate, who
):
    auth.login(who)
    form = client.get(f"/certificates/{certificate.id}/revoke").get_data(as_text=True)
    assert "Test Learner" in form
    response = client.post(
        f"/certificates/{certificate.id}/revoke", data={"reason": "  Completed by someone else  "}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/certificates/centres/{certificate.centre_id}"
    db.session.refresh(certificate)
    assert certificate.status() is Status.REVOKED
    assert certificate.revoked_reason == "Completed by someone else"
    event = db.session.scalars(REVOCATIONS).one()
    assert event.actor_id == people[who].id
    assert event.action == "certificate.revoked"
    assert event.subject == f"certificate:{certificate.id}"
    assert event.detail == {
        "code": certificate.code,
        "user": certificate.user_id,
        "reason": "Completed by someone else",
    }
    assert certificate.revoked_at <= event.at
    auth.logout()
    page = client.get(f"/verify/{display_code(certificate.code)}").get_data(as_text=True)
    assert "has been revoked" in page
    auth.login("learner")
    mine = client.get("/certificates").get_data(as_text=True)
    assert "Revoked on" in mine
    assert "Valid until" not in mine, "a revoked certificate shows no validity date"


DANGER_BUTTON = re.compile(r'<button type="submit" class="button button-danger">([^<]+)</button>')


def test_revoking_asks_first_what_it_does_and_offers_a_way_back(client, auth, people, certificate):
    auth.login("manager")
    listed = client.get(f"/certificates/centres/{certificate.centre_id}").get_data(as_text=True)
    confirm = client.get(f"/certificates/{certificate.id}/revoke")
    page = confirm.get_data(as_text=True)
    assert f'href="/certificates/{certificate.id}/revoke"' in listed
    assert confirm.status_code == 200
    assert "Anyone who checks its code is told it has been revoked." in page
    assert "Revoking cannot be undone." in page
    assert 'name="reason"' in page
    assert DANGER_BUTTON.findall(page) == ["Revoke certificate"]
    back = re.search(
        r'<a class="button button-secondary" href="([^"]+)">Back without revoking', page
    )
    assert back[1] == f"/certificates/centres/{certificate.centre_id}"
    assert client.get(back[1]).status_code == 200
    db.session.refresh(certificate)
    assert certificate.status() is Status.VALID
    assert db.session.scalars(REVOCATIONS).all() == []


@pytest.mark.parametrize(
    ("language", "link", "button"),
    [("fi", "Mitätöi", "Mitätöi todistus"), ("sv", "Återkalla", "Återkalla intyget"),
     ("en", "Revoke", "Revoke certificate")],
)  # fmt: skip
def test_revoking_is_worded_as_revoking_in_every_language(
    client, auth, people, certificate, language, link, button
):
    people["manager"].locale = language
    db.session.commit()
    auth.login("manager")
    listed = client.get(f"/certificates/centres/{certificate.centre_id}").get_data(as_text=True)
    page = client.get(f"/certificates/{certificate.id}/revoke").get_data(as_text=True)
    assert re.search(rf'/revoke">{link}<span class="visually-hidden">', listed)
    assert DANGER_BUTTON.findall(page) == [button]
    assert "Peruut" not in listed + page  # Finnish "cancel", read as "cancel this"


def test_a_certificate_is_revoked_once_and_its_first_reason_stands(
    client, auth, users, certificate
):
    auth.login("manager")
    client.post(f"/certificates/{certificate.id}/revoke", data={"reason": "First"})
    again = client.post(
        f"/certificates/{certificate.id}/revoke", data={"reason": "Second"}, follow_redirects=True
    )
    assert "This certificate was already revoked." in again.get_data(as_text=True)
    db.session.refresh(certificate)
    assert certificate.revoked_reason == "First"
    assert len(db.session.scalars(REVOCATIONS).all()) == 1


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
def test_a_reason_is_required_and_bounded(client, auth, users, certificate, reason):
    auth.login("manager")
    response = client.post(f"/certificates/{certificate.id}/revoke", data={"reason": reason})
    assert response.status_code == 400
    db.session.refresh(certificate)
    assert certificate.revoked_at is None
    assert db.session.scalars(REVOCATIONS).all() == []


def test_revoking_needs_the_csrf_token(client, auth, users, certificate):
    auth.login("manager")
    response = client.post(
        f"/certificates/{certificate.id}/revoke", data={"reason": "No token"}, csrf=False
    )
    assert response.status_code == 400
    db.session.refresh(certificate)
    assert certificate.revoked_at is None


def test_the_centre_zip_holds_each_unrevoked_certificate_of_the_centre(client, auth, people):
    kept = [issue_for(people["learner"], "fi"), issue_for(people["colleague"], "sv")]
    revoked = issue_for(people["manager"])
    revoked.revoked_at = revoked.issued_at
    elsewhere = issue_for(people["learner_b"])
    db.session.commit()
    auth.login("manager")
    response = client.get(f"/certificates/centres/{kept[0].centre_id}/certificates.zip")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert "certificates-Centre_A.zip" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        expected = {
            f"Test_Learner-{display_code(kept[0].code)}-fi.pdf": stored_pdf(kept[0]),
            f"Other_Learner-{display_code(kept[1].code)}-sv.pdf": stored_pdf(kept[1]),
        }
        assert sorted(names) == sorted(expected)
        for name, pdf in expected.items():
            assert archive.read(name) == pdf
    assert all(display_code(c.code) not in " ".join(names) for c in (revoked, elsewhere))


def test_the_zip_renders_a_pdf_that_failed_to_render_at_issue(client, auth, people, monkeypatch):
    monkeypatch.setattr(operations, "render_certificate", lambda *_: 1 / 0)
    certificate = issue_for(people["learner"])
    monkeypatch.undo()
    auth.login("manager")
    response = client.get(f"/certificates/centres/{certificate.centre_id}/certificates.zip")
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert [archive.read(name) for name in archive.namelist()] == [stored_pdf(certificate)]


def test_a_zip_of_a_centre_without_certificates_is_empty(client, auth, people, centres):
    auth.login("manager_b")
    response = client.get(f"/certificates/centres/{centres['b'].id}/certificates.zip")
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert archive.namelist() == []
