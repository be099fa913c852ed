"""Who reaches what; admin pages; a user's own language and password."""

import pytest
from sqlalchemy import select

from tests.helpers.app import PASSWORD, AuthActions
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User

ROLES = ("learner", "trainer", "manager", "admin")


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reaches_home_and_settings(client, auth, users, role):
    auth.login(role)
    assert client.get("/", follow_redirects=True).status_code == 200
    assert client.get("/learn").status_code == 200
    assert client.get("/account").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_reach_administration(client, auth, users, role):
    auth.login(role)
    expected = 200 if role == "admin" else 403
    assert client.get("/admin").status_code == expected
    assert client.get(f"/admin/users/{users['learner'].id}").status_code == expected
    assert client.post("/admin/centres", data={"name": "Sneaky"}).status_code in (
        {302} if role == "admin" else {403}
    )


# "/" shows a visitor the front page (tests/about/test_front_page.py).
@pytest.mark.parametrize("path", ["/account", "/admin", "/admin/users/1"])
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/login?next={path.replace('/', '%2F')}")


def test_admin_creates_a_centre_and_a_user_and_changes_the_role(client, auth, users, centres):
    auth.login("admin")
    assert client.post("/admin/centres", data={"name": "Centre C"}).status_code == 302
    centre_c = db.session.scalar(select(Centre).where(Centre.name == "Centre C"))
    response = client.post(
        "/admin/users",
        data={
            "name": "Nina Nurse",
            "email": "nina@example.org",
            "role": "learner",
            "centre": centre_c.id,
            "locale": "sv",
            "password": "a good long password",
        },
    )
    assert response.status_code == 302
    nina = db.session.scalar(select(User).where(User.email == "nina@example.org"))
    assert (nina.role, nina.centre_id, nina.locale) == ("learner", centre_c.id, "sv")

    response = client.post(
        f"/admin/users/{nina.id}",
        data={
            "role": "manager",
            "centre": centre_c.id,
            "managed_centres": [centre_c.id],
            "is_active": "y",
            "password_sign_in": "y",
        },
    )
    assert response.status_code == 302
    db.session.refresh(nina)
    assert nina.role == "manager"
    assert [c.name for c in nina.managed_centres] == ["Centre C"]


def test_admin_form_errors_are_shown_and_change_nothing(client, auth, users):
    auth.login("admin")
    response = client.post(
        "/admin/users",
        data={
            "name": "",
            "email": "not-an-email",
            "role": "learner",
            "centre": 0,
            "locale": "fi",
            "password": "short",
        },
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page
    assert 'href="#email"' in page
    assert db.session.scalar(select(User).where(User.email == "not-an-email")) is None


def test_forged_role_is_refused(client, auth, users):
    auth.login("admin")
    learner = users["learner"]
    response = client.post(
        f"/admin/users/{learner.id}", data={"role": "overlord", "centre": 0, "is_active": "y"}
    )
    assert response.status_code == 400
    db.session.refresh(learner)
    assert learner.role == "learner"


def test_learner_changes_language_and_the_interface_follows(client, auth, users):
    auth.login("learner")
    assert '<html lang="en">' in client.get("/account").get_data(as_text=True)
    response = client.post("/account/language", data={"locale": "fi"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert '<html lang="fi">' in page
    assert "Omat asetukset" in page
    db.session.refresh(users["learner"])
    assert users["learner"].locale == "fi"
    client.post("/language", data={"locale": "sv", "next": "/account"})
    assert "Dina inställningar" in client.get("/account").get_data(as_text=True)


def test_language_comes_from_setting_then_session_then_browser_then_finnish(client, users):
    no_preference = client.get("/login", headers={"Accept-Language": ""})
    assert '<html lang="fi">' in no_preference.get_data(as_text=True)
    swedish_browser = client.get("/login", headers={"Accept-Language": "sv-FI,sv;q=0.9"})
    assert '<html lang="sv">' in swedish_browser.get_data(as_text=True)
    client.post("/language", data={"locale": "en"})
    chosen = client.get("/login", headers={"Accept-Language": "sv"})
    assert '<html lang="en">' in chosen.get_data(as_text=True)
    AuthActions(client).login("learner")  # the learner's own setting is "en"
    users["learner"].locale = "sv"
    db.session.commit()
    assert '<html lang="sv">' in client.get("/account").get_data(as_text=True)


def test_password_change_ends_other_sessions_and_keeps_this_one(app, client, auth, users):
    other_device = app.test_client()
    AuthActions(other_device).login("learner")
    auth.login("learner")
    response = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
        },
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert other_device.get("/account").status_code == 302
    auth.logout()
    assert auth.login(password="a brand new passphrase").status_code == 302


def test_password_change_with_wrong_current_password_changes_nothing(client, auth, users):
    auth.login("learner")
    before = users["learner"].password_hash
    response = client.post(
        "/account/password",
        data={
            "current_password": "not my password",
            "new_password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
        },
    )
    assert response.status_code == 400
    assert "The current password is not right." in response.get_data(as_text=True)
    db.session.refresh(users["learner"])
    assert users["learner"].password_hash == before
