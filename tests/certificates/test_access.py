"""Who reaches which certificate: the holder, their centre's managers, admins; no one else."""

import pytest

from tests.helpers.certificates import issue_for
from trainer.extensions import db
from trainer.modules.certificates.models import Certificate


def pages_of(certificate: Certificate) -> dict[str, str]:
    return {
        "download": f"/certificates/{certificate.id}/en.pdf",
        "other language": f"/certificates/{certificate.id}/fi.pdf",
        "revoke form": f"/certificates/{certificate.id}/revoke",
        "centre": f"/certificates/centres/{certificate.centre_id}",
        "centre zip": f"/certificates/centres/{certificate.centre_id}/certificates.zip",
    }


def test_the_holder_downloads_their_own(client, auth, certificate):
    auth.login("learner")
    response = client.get(f"/certificates/{certificate.id}/en.pdf")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", ["colleague", "learner_b", "trainer"])
def test_another_learner_or_a_trainer_gets_not_found(client, auth, people, certificate, who):
    auth.login(who)
    assert client.get(f"/certificates/{certificate.id}/en.pdf").status_code == 404
    assert client.get(f"/certificates/{certificate.id}/fi.pdf").status_code == 404
    mine = client.get("/certificates").get_data(as_text=True)
    assert f"/certificates/{certificate.id}/" not in mine


@pytest.mark.parametrize("who", ["learner", "colleague", "trainer"])
def test_learners_and_trainers_may_not_manage(client, auth, people, certificate, who):
    auth.login(who)
    paths = pages_of(certificate)
    for name in ("revoke form", "centre", "centre zip"):
        assert client.get(paths[name]).status_code == 403, name
    assert client.get("/certificates/centres").status_code == 403
    response = client.post(paths["revoke form"], data={"reason": "Mine to revoke?"})
    assert response.status_code == 403
    db.session.refresh(certificate)
    assert certificate.revoked_at is None


def test_a_manager_of_another_centre_can_neither_download_nor_revoke(
    client, auth, people, certificate
):
    auth.login("manager_b")
    for name, path in pages_of(certificate).items():
        assert client.get(path).status_code == 404, name
    response = client.post(pages_of(certificate)["revoke form"], data={"reason": "Not mine"})
    assert response.status_code == 404
    db.session.refresh(certificate)
    assert certificate.revoked_at is None
    centres_page = client.get("/certificates/centres", follow_redirects=True)
    assert "Centre A" not in centres_page.get_data(as_text=True)


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_the_centres_manager_and_an_admin_reach_every_page(client, auth, people, certificate, who):
    auth.login(who)
    for name, path in pages_of(certificate).items():
        assert client.get(path).status_code == 200, name


def test_signed_out_visitors_are_sent_to_sign_in(client, certificate):
    for path in pages_of(certificate).values():
        response = client.get(path)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
    assert "/login" in client.get("/certificates").headers["Location"]


def test_unknown_certificates_and_centres_are_not_found(client, auth, people):
    auth.login("admin")
    assert client.get("/certificates/999/en.pdf").status_code == 404
    assert client.get("/certificates/999/revoke").status_code == 404
    assert client.get("/certificates/centres/999").status_code == 404


def test_a_manager_of_one_centre_goes_straight_to_it_and_an_admin_chooses(
    client, auth, people, centres
):
    auth.login("manager")
    response = client.get("/certificates/centres")
    assert response.headers["Location"] == f"/certificates/centres/{centres['a'].id}"
    auth.logout()
    auth.login("admin")
    page = client.get("/certificates/centres").get_data(as_text=True)
    assert "Centre A" in page
    assert "Centre B" in page


def test_a_centre_page_lists_its_certificates_only(client, auth, people):
    issue_for(people["learner"])
    issue_for(people["learner_b"])
    auth.login("manager")
    page = client.get("/certificates/centres", follow_redirects=True).get_data(as_text=True)
    assert "Test Learner" in page
    assert "Learner In B" not in page
