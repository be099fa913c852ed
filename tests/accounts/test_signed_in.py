"""Who is signed in: the User row, while the session's version is current; the busiest
page costs a fixed, small number of queries."""

from flask_login import current_user

from tests.helpers.app import TEST_COURSE
from tests.helpers.database import recorded_statements
from trainer.extensions import db
from trainer.modules.accounts.models import User
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


def test_a_lesson_page_costs_two_queries_and_shows_whether_it_is_read(client, auth, users):
    """Who is signed in, then whether the lesson is read: nothing more, read or not."""
    auth.login("learner")
    unread, statements = lesson_page(client)
    assert statements == 2
    assert not is_shown_as_read(unread)
    mark_read(client)
    read, statements = lesson_page(client)
    assert statements == 2
    assert is_shown_as_read(read)


def test_the_read_state_is_the_signed_in_learners_own(client, auth, users):
    auth.login("learner")
    mark_read(client)
    auth.logout()
    auth.login("trainer")
    assert not is_shown_as_read(client.get(LESSON).get_data(as_text=True))


def test_the_signed_in_user_is_their_user_row(client, auth, users):
    auth.login("learner")
    with client:
        client.get("/account")
        assert isinstance(current_user._get_current_object(), User)
        assert current_user.id == users["learner"].id


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
