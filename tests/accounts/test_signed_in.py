"""One query tells who is signed in; the lesson page asks its own question in it."""

import pytest
from flask_login import current_user

from tests.conftest import TEST_COURSE
from tests.database import recorded_statements
from trainer.extensions import db
from trainer.modules.courses import load_content

MODULE = load_content(TEST_COURSE).catalogue.course("en").modules[0]
LESSON = f"/learn/{MODULE.id}/{MODULE.lessons[0].id}"


def is_shown_as_read(page: str) -> bool:
    return "· read" in page and "Mark as read" not in page


def mark_read(client) -> None:
    client.post(f"{LESSON}/done", data={"then": "stay"})


def lesson_page(client) -> tuple[str, int]:
    """The lesson page, and how many SQL statements it took."""
    with recorded_statements(db.engine) as statements:
        page = client.get(LESSON).get_data(as_text=True)
    return page, len(statements)


def test_a_lesson_page_costs_one_query_and_shows_whether_it_is_read(client, auth, users):
    auth.login("learner")
    unread, statements = lesson_page(client)
    assert statements == 1
    assert not is_shown_as_read(unread)
    mark_read(client)
    read, statements = lesson_page(client)
    assert statements == 1
    assert is_shown_as_read(read)


def test_the_read_state_is_the_signed_in_learners_own(client, auth, users):
    auth.login("learner")
    mark_read(client)
    auth.logout()
    auth.login("trainer")
    assert not is_shown_as_read(client.get(LESSON).get_data(as_text=True))


def test_a_page_whose_user_was_loaded_earlier_asks_on_its_own(app, client, auth, users):
    @app.before_request
    def look_at_the_user_first():
        current_user.is_authenticated  # noqa: B018 -- loads the user before the view

    auth.login("learner")
    assert not is_shown_as_read(client.get(LESSON).get_data(as_text=True))
    mark_read(client)
    read, statements = lesson_page(client)
    assert statements == 2
    assert is_shown_as_read(read)


def test_the_signed_in_user_is_changed_through_its_record(client, auth, users):
    auth.login("learner")
    with client:
        client.get("/account")
        with pytest.raises(AttributeError, match=r"current_user\.record"):
            current_user.locale = "fi"
        current_user.record.locale = "fi"
        assert current_user.locale == "fi"
        db.session.rollback()


def test_a_language_change_speaks_the_new_language_at_once(client, auth, users):
    auth.login("learner")
    response = client.post("/account/language", data={"locale": "fi"})
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert ("success", "Kieli on vaihdettu.") in session["_flashes"]


def test_signing_out_still_ends_the_session(client, auth, users):
    auth.login("learner")
    with client.session_transaction() as session:
        stolen = dict(session)
    auth.logout()
    with client.session_transaction() as session:
        session.update(stolen)
    assert client.get(LESSON).status_code == 302


def test_probing_the_signed_in_user_loads_nothing_more(client, auth, users):
    auth.login("learner")
    with client:
        client.get(LESSON)
        user = current_user._get_current_object()
        with recorded_statements(db.engine) as statements:
            assert not hasattr(user, "__html__")
            assert user.name == "Test Learner"
        assert statements == []
