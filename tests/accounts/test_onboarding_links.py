"""Invitation and reset links, delivered by the mail worker to a real SMTP server, in each
person's language; the page a link opens moves its token out of the URL at once."""

import hashlib
import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy import select

from tests.helpers.app import PASSWORD, AuthActions
from tests.helpers.mailbox import Mailbox, deliver
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.invitations import Purpose, issue, link_for
from trainer.modules.accounts.models import AccountToken, User, user_by_email
from trainer.modules.accounts.operations import create_user
from trainer.modules.accounts.passwords import password_matches

BASE_URL = "https://trainer.example.org"
NEW_PASSWORD = "seven quiet herons at dawn"
STAFF = b"Aino Aalto;aino@example.org;fi\nSven Svensson;sven@example.org;sv\n"


@pytest.fixture
def mailbox():
    with Mailbox() as box:
        yield box


@pytest.fixture
def app_settings(mailbox):
    return {**mailbox.settings, "BASE_URL": BASE_URL}


def link_in(message) -> str:
    return re.search(rf"{re.escape(BASE_URL)}(/password/\S+)", Mailbox.body(message))[1]


def import_staff(client, centre_id: int) -> None:
    preview = client.post(
        "/people/import",
        data={"centre": str(centre_id), "staff_file": (io.BytesIO(STAFF), "staff.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    fields = dict(
        re.findall(r'name="(centre|content|digest)" type="hidden" value="([^"]*)"', preview)
    )
    assert client.post("/people/import/confirm", data=fields).status_code == 302
    deliver()


def set_password(client, path: str, password: str = NEW_PASSWORD):
    """Open the link (which keeps its token in the session), then send the form."""
    opened = client.get(path)
    if opened.status_code != 302:
        return opened
    assert urlsplit(opened.headers["Location"]).path == "/password/new"
    return client.post(
        opened.headers["Location"], data={"new_password": password, "confirm": password}
    )


def test_invitations_arrive_by_smtp_in_each_persons_language(
    app, client, auth, users, centres, mailbox
):
    auth.login("manager")
    import_staff(client, centres["a"].id)
    assert sorted(m["To"] for m in mailbox.messages) == ["aino@example.org", "sven@example.org"]
    for email, language in [("aino@example.org", "fi"), ("sven@example.org", "sv")]:
        (message,) = mailbox.to(email)
        token = db.session.scalar(select(AccountToken).join(User).where(User.email == email))
        with force_locale(language):
            subject = _("Your account for the trafficking awareness course")
            expires = format_date(token.expires_at, "long")
        assert message["Subject"] == subject
        assert expires in Mailbox.body(message)
        assert link_in(message).startswith("/password/")


def test_the_invitation_link_works_once(app, client, auth, users, centres, mailbox):
    auth.login("manager")
    import_staff(client, centres["a"].id)
    auth.logout()
    path = link_in(mailbox.to("aino@example.org")[0])
    assert client.get(path, follow_redirects=True).status_code == 200
    response = set_password(client, path)
    assert response.status_code == 302
    aino = user_by_email("aino@example.org")
    assert password_matches(aino.password_hash, NEW_PASSWORD)
    assert "Aino Aalto" in client.get("/", follow_redirects=True).get_data(as_text=True)
    auth.logout()
    assert client.get(path).status_code == 404
    again = set_password(client, path, "another phrase of mine here")
    assert again.status_code == 404
    with force_locale("fi"):  # Aino's language, which her link names
        assert _("This link no longer works") in again.get_data(as_text=True)
    db.session.refresh(aino)
    assert password_matches(aino.password_hash, NEW_PASSWORD)


def test_an_invitation_expires_after_14_days(app, client, auth, users, centres, mailbox):
    auth.login("manager")
    import_staff(client, centres["a"].id)
    auth.logout()
    token = db.session.scalar(
        select(AccountToken).join(User).where(User.email == "aino@example.org")
    )
    assert token.expires_at - token.created_at == timedelta(days=14)
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    path = link_in(mailbox.to("aino@example.org")[0])
    assert client.get(path).status_code == 404
    assert set_password(client, path).status_code == 404
    assert user_by_email("aino@example.org").password_hash is None


def test_only_a_hash_of_the_token_is_stored(app, client, auth, users, centres, mailbox):
    auth.login("manager")
    import_staff(client, centres["a"].id)
    token = urlsplit(link_in(mailbox.to("aino@example.org")[0])).path.rsplit("/", 1)[1]
    row = db.session.scalar(select(AccountToken).join(User).where(User.email == "aino@example.org"))
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = " ".join(str(value) for value in db.session.execute(select(AccountToken)).scalars())
    columns = [row.token_hash, row.seed, row.purpose]
    assert token not in stored and all(token not in column for column in columns)


def forgot(client, email: str):
    response = client.post("/password/forgot", data={"email": email}, follow_redirects=True)
    deliver()
    return response


def without_tokens(page: str) -> str:
    return re.sub(r'name="csrf_token"[^>]*>', "", page)


def test_forgot_password_answers_the_same_for_known_and_unknown(client, users, mailbox):
    known = forgot(client, "learner@example.org")
    unknown = forgot(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert without_tokens(known.get_data(as_text=True)) == without_tokens(
        unknown.get_data(as_text=True)
    )
    assert "If an account uses that address" in known.get_data(as_text=True)
    assert [m["To"] for m in mailbox.messages] == ["learner@example.org"]


def test_a_closed_account_gets_no_reset_link(client, users, mailbox):
    users["learner"].is_active_account = False
    db.session.commit()
    forgot(client, "learner@example.org")
    assert mailbox.messages == []


def test_a_reset_link_works_once_for_an_hour_and_ends_other_sessions(
    app, client, auth, users, mailbox
):
    other_device = app.test_client()
    AuthActions(other_device).login()
    forgot(client, "Learner@Example.org ")
    path = link_in(mailbox.to("learner@example.org")[0])
    token = db.session.scalar(select(AccountToken).where(AccountToken.purpose == Purpose.RESET))
    assert token.expires_at - token.created_at == timedelta(hours=1)
    assert set_password(client, path).status_code == 302
    assert password_matches(user_by_email("learner@example.org").password_hash, NEW_PASSWORD)
    assert other_device.get("/account").status_code == 302, "signed out elsewhere"
    assert set_password(client, path, "a third phrase of my own").status_code == 404


def test_an_expired_reset_link_does_nothing(client, users, mailbox):
    forgot(client, "learner@example.org")
    token = db.session.scalar(select(AccountToken))
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    path = link_in(mailbox.messages[0])
    assert set_password(client, path).status_code == 404
    assert password_matches(user_by_email("learner@example.org").password_hash, PASSWORD)


def test_links_point_at_base_url_whatever_the_host_header(app, users):
    token = issue(users["learner"], Purpose.RESET)
    with app.test_request_context("/password/forgot", base_url="http://evil.example.net"):
        assert link_for(token).startswith(f"{BASE_URL}/password/")


def test_the_new_password_must_follow_the_rules(client, users, mailbox):
    forgot(client, "learner@example.org")
    path = link_in(mailbox.messages[0])
    response = set_password(client, path, "password1234")
    assert response.status_code == 400
    assert "too common" in response.get_data(as_text=True)
    assert set_password(client, path).status_code == 302, "the link still works"


def test_garbage_tokens_find_nothing(client, users):
    assert client.get("/password/not-a-token").status_code == 404
    assert client.get("/password/" + "x" * 500).status_code == 404


def test_a_manager_sends_a_new_invitation_to_their_own_people_only(
    client, auth, users, centres, mailbox
):
    pending = create_user(email="pending@example.org", name="Pending", centre=centres["a"])
    elsewhere = create_user(email="elsewhere@example.org", name="Elsewhere", centre=centres["b"])
    db.session.commit()
    auth.login("manager")
    assert client.post(f"/people/{pending.id}/invitation").status_code == 302
    assert client.post(f"/people/{elsewhere.id}/invitation").status_code == 404
    assert client.post(f"/people/{users['trainer'].id}/invitation").status_code == 404
    deliver()
    assert [m["To"] for m in mailbox.messages] == ["pending@example.org"]
    auth.logout()
    assert set_password(client, link_in(mailbox.messages[0])).status_code == 302


def test_no_new_invitation_for_someone_with_a_password(client, auth, users, mailbox):
    auth.login("manager")
    response = client.post(f"/people/{users['learner'].id}/invitation", follow_redirects=True)
    assert "has already chosen a password" in response.get_data(as_text=True)
    deliver()
    assert mailbox.messages == []


def test_the_login_page_links_to_forgot_password(client):
    assert 'href="/password/forgot"' in client.get("/login").get_data(as_text=True)


# What each language calls the page every invitation and reset link opens.
CHOOSE_YOUR_PASSWORD = {"fi": "Valitse salasanasi", "sv": "Välj ditt lösenord"}


def opened_from(client, path: str):
    """The page a link in an e-mail opens, as a browser that asks for English sees it."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client.get(path, follow_redirects=True)


def language_of(page) -> str:
    return re.search(r'<html lang="([a-z]+)"', page.get_data(as_text=True))[1]


def test_an_invitation_opens_in_the_language_it_was_written_in(
    app, client, auth, users, centres, mailbox
):
    auth.login("manager")
    import_staff(client, centres["a"].id)
    auth.logout()
    for email, language in [("aino@example.org", "fi"), ("sven@example.org", "sv")]:
        reader = app.test_client()
        page = opened_from(reader, link_in(mailbox.to(email)[0]))
        assert page.status_code == 200
        assert language_of(page) == language
        assert CHOOSE_YOUR_PASSWORD[language] in page.get_data(as_text=True)
        refused = reader.post(
            page.request.full_path, data={"new_password": "short", "confirm": "short"}
        )
        assert refused.status_code == 400
        assert language_of(refused) == language, "the form's errors too"


def test_a_reset_link_and_a_used_one_open_in_the_persons_language(client, users, mailbox):
    users["learner"].locale = "sv"
    db.session.commit()
    forgot(client, "learner@example.org")
    path = link_in(mailbox.messages[0])
    assert language_of(opened_from(client, path)) == "sv"
    assert set_password(client, path).status_code == 302
    reader = client.application.test_client()
    gone = opened_from(reader, path)
    assert gone.status_code == 404
    assert language_of(gone) == "sv", "the page that says the link no longer works"


def test_the_language_switcher_still_wins_on_a_page_opened_from_an_e_mail(client, users, mailbox):
    users["learner"].locale = "sv"
    db.session.commit()
    forgot(client, "learner@example.org")
    page = opened_from(client, link_in(mailbox.messages[0]))
    switched = client.post(
        "/language",
        data={"locale": "fi", "next": page.request.full_path},
        follow_redirects=True,
    )
    assert language_of(switched) == "fi"
    assert CHOOSE_YOUR_PASSWORD["fi"] in switched.get_data(as_text=True)
