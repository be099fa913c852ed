"""The smaller findings 13 and 14 of [hardening-2], each as it was found.

No `Cache-Control: no-store` on pages with personal data; the `remember_token` cookie
left in the browser at logout; a secret key checked for length only; `trainer demo`
on a production database; no client address in the audit log; CSV exports sending
`charset=utf-8` twice; WeasyPrint's FatalURLFetchingError (a BaseException) passing
every `except Exception` on its way to kill the worker.
"""

import secrets

import pytest
from sqlalchemy import select

from tests.helpers.app import TEST_COURSE
from tests.helpers.certificates import issue_for
from trainer import create_app
from trainer.config import ConfigError
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.certificates import pdf
from trainer.modules.certificates.models import CertificateDocument

PAGES = {
    "learner": ["/", "/learn", "/account", "/certificates", "/learn/recognising/definition"],
    "manager": ["/reports", "/reports/completion.csv", "/reports/completion.xlsx"],
    "admin": ["/admin", "/admin/audit"],
}


@pytest.mark.parametrize("role", PAGES)
def test_nothing_made_for_a_signed_in_user_is_stored_by_any_cache(client, auth, users, role):
    auth.login(role)
    for path in PAGES[role]:
        response = client.get(path)
        assert response.status_code in (200, 302), path
        assert "no-store" in response.headers.get("Cache-Control", ""), path


def test_public_files_stay_cacheable_when_signed_in(client, auth, users):
    auth.login("learner")
    response = client.get("/static/css/app.css")
    response.close()
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_logout_deletes_the_remember_me_cookie(client, auth, users):
    auth.login("learner", remember="y")
    assert client.get_cookie("remember_token") is not None
    response = auth.logout()
    cleared = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
    assert cleared and all("Max-Age=0" in c or "1970" in c for c in cleared)
    assert client.get_cookie("remember_token") is None


def test_sign_ins_record_the_client_address_and_the_log_shows_it(client, auth, users):
    client.post(
        "/login",
        data={"email": "admin@example.org", "password": "correct horse battery staple"},
        environ_base={"REMOTE_ADDR": "2001:db8::7"},
    )
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.signed_in"))
    assert event.address == "2001:db8::7"
    assert "2001:db8::7" in client.get("/admin/audit").get_data(as_text=True)


def test_csv_exports_name_their_charset_once(client, auth, users):
    auth.login("manager")
    content_type = client.get("/reports/completion.csv").headers["Content-Type"]
    assert content_type.count("charset") == 1


def production(monkeypatch, tmp_path, key: str):
    monkeypatch.setenv("TRAINER_SECRET_KEY", key)
    monkeypatch.setenv("TRAINER_DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite")
    monkeypatch.setenv("TRAINER_MAIL_LOG_ONLY", "true")
    return create_app({"CONTENT_DIR": str(TEST_COURSE), "ENV": "production"})


@pytest.mark.parametrize(
    "key",
    [
        "a" * 32,
        "k" * 40,
        "0123456789abcdef" * 2,
        "abcabcabcabcabcabcabcabcabcabcabc",
        "passwordpasswordpasswordpassword",
        secrets.token_hex(16),  # 128 bits, but reads as too few; the message says what to use
    ],
    # Named, so that every pytest-xdist process collects the same tests.
    ids=["repeated", "one-letter", "pattern", "abc", "word", "random-but-short"],
)
def test_a_guessable_secret_key_stops_production(monkeypatch, tmp_path, key):
    with pytest.raises(ConfigError, match="TRAINER_SECRET_KEY looks guessable"):
        production(monkeypatch, tmp_path, key)


@pytest.mark.parametrize(
    "key", [secrets.token_urlsafe(48), secrets.token_hex(32)], ids=["urlsafe-48", "hex-32"]
)
def test_a_random_secret_key_starts_production(monkeypatch, tmp_path, key):
    assert production(monkeypatch, tmp_path, key).config["SECRET_KEY"] == key


def test_demo_refuses_a_production_database(app, runner):
    app.config["ENV"] = "production"
    result = runner.invoke(args=["demo"])
    assert result.exit_code != 0
    assert "TRAINER_ENV=production" in result.output
    from trainer.modules.accounts.models import User

    assert db.session.scalars(select(User)).all() == []


class FetchingFails:
    """A stand-in for weasyprint.HTML whose fetcher stops the rendering."""

    def __init__(self, *args, **kwargs):
        pass

    def write_pdf(self, **_options):
        from weasyprint.urls import FatalURLFetchingError

        raise FatalURLFetchingError('Error fetching "asset:fonts/missing.ttf"')


def test_a_fatal_fetching_error_does_not_undo_a_completion(app, users, monkeypatch):
    monkeypatch.setattr(pdf, "HTML", FetchingFails)
    certificate = issue_for(users["learner"])
    assert certificate is not None
    assert db.session.scalars(select(CertificateDocument)).all() == []


def test_a_fatal_fetching_error_at_download_is_an_ordinary_error(app, client, auth, users):
    certificate = issue_for(users["learner"])
    db.session.query(CertificateDocument).delete()
    db.session.commit()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "HTML", FetchingFails)
        auth.login("learner")
        app.config["PROPAGATE_EXCEPTIONS"] = False
        response = client.get(f"/certificates/{certificate.id}/en.pdf")
    assert response.status_code == 500
