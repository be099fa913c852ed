"""The public verification pages: no sign-in, the bare facts, a plain "not found"."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date

from tests.conftest import Client, make_app
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.verification import VERIFY_RATE_LIMIT


def test_anyone_sees_name_course_dates_and_status_and_nothing_else(client, certificate):
    response = client.get(f"/verify/{display_code(certificate.code)}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert "Test Learner" in page
    assert "Test course on human trafficking" in page
    for moment in (certificate.issued_at, certificate.expires_at):
        assert format_date(moment.astimezone(ZoneInfo("Europe/Helsinki")), "long", "en_FI") in page
    assert "This certificate is genuine and valid." in page
    for private in ("learner@example.org", "Centre A", "/certificates/"):
        assert private not in page


def test_the_page_follows_the_readers_language(client, certificate):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "sv"
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert "Testkurs om människohandel" in page


@pytest.mark.parametrize("spelling", [str.lower, lambda c: c.replace("-", " "), str])
def test_a_code_is_found_however_it_is_typed(client, certificate, spelling):
    typed = spelling(display_code(certificate.code))
    assert client.get(f"/verify/{typed}").status_code == 200


def test_the_form_sends_a_typed_code_to_its_page(client, certificate):
    assert client.get("/verify").status_code == 200
    typed = certificate.code.lower()
    response = client.get("/verify", query_string={"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/verify/{display_code(certificate.code)}"


@pytest.mark.parametrize("code", ["ZZZZ-ZZZZ-ZZZZ-ZZZZ", "not-a-code", "<script>"])
def test_an_unknown_code_is_plainly_not_found(client, certificate, code):
    for response in (
        client.get(f"/verify/{code}"),
        client.get("/verify", query_string={"code": code}),
    ):
        page = response.get_data(as_text=True)
        assert response.status_code == 404
        assert "No certificate has this code." in page
        assert "<script>" not in page


def test_a_revoked_certificate_verifies_as_revoked(client, certificate):
    certificate.revoked_at = utcnow()
    certificate.revoked_reason = "Issued in error"
    db.session.commit()
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert "This certificate has been revoked and is no longer valid." in page
    assert "Revoked" in page
    assert "Issued in error" not in page


def test_an_expired_certificate_verifies_as_expired(client, certificate):
    certificate.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert "This certificate is genuine but has expired." in page
    assert "Expired" in page


@pytest.fixture
def limited_client(app, database_url):
    """A client of an app with rate limits on, as in production (counted in the
    database, which the `app` fixture empties afterwards)."""
    limited = make_app(database_url, RATELIMIT_ENABLED=True)
    limited.test_client_class = Client
    with limited.app_context():
        yield limited.test_client()
        db.session.remove()
        db.engine.dispose()


def test_verification_is_rate_limited_across_both_pages(limited_client):
    allowed = int(VERIFY_RATE_LIMIT.split()[0])
    unknown = "/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ"
    statuses = [limited_client.get(unknown).status_code for _ in range(allowed - 1)]
    assert set(statuses) == {404}
    assert limited_client.get("/verify", query_string={"code": "ZZZZ"}).status_code == 404
    assert limited_client.get("/verify").status_code == 429
    assert limited_client.get(unknown).status_code == 429
