"""The public verification pages: no sign-in, the bare facts, a plain "not found"."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date

from tests.helpers.app import Client, make_app
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
    assert long_date(certificate.issued_at) in page
    assert f"Valid until {long_date(certificate.expires_at)}." in page
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


def long_date(moment) -> str:
    return format_date(moment.astimezone(ZoneInfo("Europe/Helsinki")), "long", "en_FI")


def test_a_revoked_certificate_says_so_first_and_no_date_of_validity(client, certificate):
    certificate.revoked_at = utcnow() - timedelta(days=3)
    certificate.revoked_reason = "Issued in error"
    db.session.commit()
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    main = page[page.index("<main") :]
    verdict = main.index("This certificate has been revoked and is no longer valid.")
    assert verdict < main.index("Test Learner")  # before any fact about it
    assert f"It was revoked on {long_date(certificate.revoked_at)}." in main
    assert "Valid until" not in main
    assert long_date(certificate.expires_at) not in main  # still in the future
    assert "Issued in error" not in page


def test_an_expired_certificate_says_so_first_with_the_day_it_expired(client, certificate):
    certificate.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    main = page[page.index("<main") :]
    verdict = main.index("This certificate is genuine but has expired.")
    assert verdict < main.index("Test Learner")
    assert f"It expired on {long_date(certificate.expires_at)}." in main
    assert "Valid until" not in main


@pytest.mark.parametrize(
    ("language", "revoked"),
    [("fi", "Tämä todistus on mitätöity"), ("sv", "Intyget har återkallats")],
)
def test_a_revoked_certificate_reads_as_revoked_in_each_language(
    client, certificate, language, revoked
):
    certificate.revoked_at = utcnow()
    db.session.commit()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert revoked in page
    assert "Peruut" not in page  # "cancelled", the word that was misread


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
