"""Password rules, hash upgrades, sign-in limits and the life of a session cookie."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.helpers.app import PASSWORD, make_app
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.accounts.passwords import DEFAULT_HASH_METHOD, is_common


@pytest.mark.parametrize(
    "password",
    ["password1234", "Password2024!", "demopassword", "salasanasalasana", "aaaaaaaaaaaaaaaa"],
)
def test_common_passwords_are_recognised(password):
    assert is_common(password)


@pytest.mark.parametrize("password", ["correct horse battery staple", "kolme iloista kettua"])
def test_own_phrases_are_accepted(password):
    assert not is_common(password)


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("short pass", "12 to 128 characters"),
        ("x" * 129, "12 to 128 characters"),
        ("password1234", "too common"),
    ],
)
def test_password_change_enforces_the_rules(client, auth, users, new_password, message):
    auth.login("learner")
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": new_password, "confirm": new_password},
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True).replace("\n", " ")


def test_default_scrypt_work_is_stronger_than_werkzeugs():
    _, n, r, p = DEFAULT_HASH_METHOD.split(":")
    assert int(n) > 2**15 and int(r) >= 8 and int(p) >= 1


def test_an_old_hash_is_upgraded_at_sign_in(app, client, auth, users):
    app.config["PASSWORD_HASH_METHOD"] = DEFAULT_HASH_METHOD
    old = users["learner"].password_hash
    assert old.startswith("scrypt:1024:8:1$")
    assert auth.login("learner").status_code == 302
    db.session.expire_all()
    new = db.session.scalar(select(User.password_hash).where(User.id == users["learner"].id))
    assert new.startswith(DEFAULT_HASH_METHOD + "$")
    auth.logout()
    assert auth.login("learner").status_code == 302


def test_logout_makes_a_replayed_cookie_worthless(client, auth, users):
    auth.login("learner")
    stolen = client.get_cookie("session").value
    auth.logout()
    client.set_cookie("session", stolen)
    assert client.get("/account").status_code == 302


def test_remember_me_lasts_thirty_days_at_most(client, auth, users):
    auth.login("learner", remember="y")
    cookie = client.get_cookie("remember_token")
    assert cookie is not None
    assert cookie.http_only
    assert client.application.config["REMEMBER_COOKIE_DURATION"] <= timedelta(days=30)


def test_cookies_are_secure_outside_development(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/x.sqlite", ENV="production", MAIL_LOG_ONLY=True)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
