"""Signing in and out."""

import re

import pytest
from sqlalchemy import select

from tests.helpers.app import AuthActions
from trainer.extensions import db
from trainer.modules.accounts.models import User


def test_login_page_renders(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert b'name="csrf_token"' in response.data


def test_login_and_logout(client, auth, users):
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    home = client.get("/", follow_redirects=True)
    assert b"Test Learner" in home.data
    assert auth.logout().status_code == 302
    assert client.get("/account").status_code == 302


def test_login_renews_the_session(client, auth, users):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    auth.login()
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].startswith(str(users["learner"].id))


def failed_login_page(auth, email, password):
    response = auth.login(email=email, password=password)
    # The CSRF token differs per render and the form repeats the e-mail typed; the rest must not.
    page = re.sub(r'value="[\w.-]{40,}"', "", response.get_data(as_text=True))
    return response.status_code, page.replace(email, "")


def test_wrong_password_and_unknown_email_get_the_same_answer(auth, users):
    wrong_password = failed_login_page(auth, "learner@example.org", "not the password!")
    unknown_email = failed_login_page(auth, "nobody@example.org", "not the password!")
    assert wrong_password == unknown_email
    assert wrong_password[0] == 200
    assert "The e-mail or password is not right." in wrong_password[1]


def test_inactive_user_is_refused(client, auth, users):
    users["learner"].is_active_account = False
    db.session.commit()
    response = auth.login()
    assert response.status_code == 200
    assert "The e-mail or password is not right." in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302


def test_email_is_matched_whatever_its_case(client, auth, users):
    assert auth.login(email=" Learner@Example.ORG ").status_code == 302


@pytest.mark.parametrize("target", ["/account", "/account?tab=password"])
def test_next_goes_to_a_local_path(client, auth, users, target):
    response = client.post(
        f"/login?next={target}",
        data={"email": "learner@example.org", "password": "correct horse battery staple"},
    )
    assert response.headers["Location"] == target


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "\t//evil",
    ],
)
def test_next_to_another_host_is_refused(client, users, target):
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": "learner@example.org", "password": "correct horse battery staple"},
    )
    assert response.headers["Location"] == "/"


def test_post_without_csrf_token_is_refused(client, users):
    response = client.post(
        "/login",
        data={"email": "learner@example.org", "password": "correct horse battery staple"},
        csrf=False,
    )
    assert response.status_code == 400
    assert client.get("/account").status_code == 302


def test_logout_needs_a_post_with_token(client, auth, users):
    auth.login()
    assert client.get("/logout").status_code == 405
    assert client.post("/logout", data={}, csrf=False).status_code == 400
    assert client.get("/account").status_code == 200


def test_logout_ends_every_session_of_the_user(app, auth, users):
    other_device = app.test_client()
    AuthActions(other_device).login()
    assert other_device.get("/account").status_code == 200
    auth.login()
    auth.logout()
    assert other_device.get("/account").status_code == 302


def test_password_is_stored_as_scrypt_hash(users):
    stored = db.session.scalar(
        select(User.password_hash).where(User.email == "learner@example.org")
    )
    assert stored.startswith("scrypt:")
    assert "correct horse" not in stored
