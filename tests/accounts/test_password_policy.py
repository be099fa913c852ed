"""The password policy (ASVS 4.0, 2.1) in every path that sets a password."""

import pytest

from tests.helpers.app import PASSWORD, AuthActions
from trainer.extensions import db
from trainer.modules.accounts.invitations import Purpose, issue, link_for
from trainer.modules.accounts.models import user_by_email
from trainer.modules.accounts.operations import AccountError, set_password
from trainer.modules.accounts.passwords import TOO_PERSONAL, password_matches, password_problem

# The tester's examples, and their kin.
REFUSED = [
    ("learner@example.org", "the account's e-mail"),
    ("Test Learner", "the account's name"),
    ("test learner 2024!", "the name with decoration"),
    ("learner@example.org1", "the e-mail with decoration"),
    ("123456789012", "a run of digits"),
    ("qwertyuiopasdf", "a walk along the keyboard"),
    ("qwerty123456", "two walks"),
    ("password1234", "a common password"),
    ("trainer koulutus 2024", "the site's words"),
    ("short", "too short"),
    ("x" * 129, "too long"),
]
ACCEPTED = [
    "correct horse battery staple",
    "seven quiet herons at dawn",
    "Ainon oma salasana on tämä",
    "🔥🐍🌲🍄🦊🐻🌊🌙⭐🍀🎈🎉",  # any Unicode, ASVS 2.1.4
    "a" + " " * 10 + "lonely tree",  # spaces count and are kept, ASVS 2.1.3
]


@pytest.mark.parametrize(("password", "why"), REFUSED)
def test_weak_passwords_are_refused(app, password, why):
    problem = password_problem(password, email="learner@example.org", name="Test Learner")
    assert problem is not None, why


@pytest.mark.parametrize("password", ACCEPTED)
def test_phrases_of_ones_own_are_accepted(app, password):
    assert password_problem(password, email="learner@example.org", name="Test Learner") is None


def test_a_name_or_address_says_why(app):
    problem = password_problem("learner@example.org", email="learner@example.org", name="T L")
    assert problem == str(TOO_PERSONAL)


def test_the_operation_itself_refuses(app, users):
    with pytest.raises(AccountError):
        set_password(users["learner"], "Test Learner")


def test_changing_ones_password_follows_the_policy(client, auth, users):
    auth.login("learner")
    response = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "learner@example.org",
            "confirm": "learner@example.org",
        },
    )
    assert response.status_code == 400
    assert "your name, your e-mail address" in response.get_data(as_text=True)
    db.session.refresh(users["learner"])
    assert password_matches(users["learner"].password_hash, PASSWORD)


def test_an_admin_cannot_give_an_account_its_own_name_as_password(client, auth, users):
    auth.login("admin")
    response = client.post(
        "/admin/users",
        data={
            "name": "Nina Nurse",
            "email": "nina@example.org",
            "role": "learner",
            "centre": "0",
            "locale": "fi",
            "password": "Nina Nurse 1234",
        },
    )
    assert response.status_code == 400
    assert "your name, your e-mail address" in response.get_data(as_text=True)
    assert user_by_email("nina@example.org") is None


def test_a_link_follows_the_policy_for_the_person_it_is_for(app, client, users):
    link = link_for(issue(users["trainer"], Purpose.RESET))
    db.session.commit()
    AuthActions(client).login("learner")  # someone else is signed in on this browser
    assert client.get(link.removeprefix(app.config["BASE_URL"])).status_code == 302
    response = client.post(
        "/password/new", data={"new_password": "Test Trainer", "confirm": "Test Trainer"}
    )
    assert response.status_code == 400
    assert "your name, your e-mail address" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "password", ["boss@example.org", "Boss Person 123", "123456789012", "qwertyuiopasdf"]
)
def test_users_create_follows_the_policy(runner, password):
    result = runner.invoke(
        args=["users", "create", "boss@example.org", "Boss Person", "--password", password]
    )
    assert result.exit_code == 1
    assert user_by_email("boss@example.org") is None
