"""Views that only read run without a transaction, and cannot write by accident."""

import pytest
from sqlalchemy import event, select

from tests.conftest import TEST_COURSE
from trainer.core.database import read_only
from trainer.extensions import db
from trainer.modules.accounts.models import Centre
from trainer.modules.courses import load_content

MODULE = load_content(TEST_COURSE).catalogue.course("en").modules[0]
READING_PAGES = ["/learn", f"/learn/{MODULE.id}", f"/learn/{MODULE.id}/{MODULE.lessons[0].id}"]


@pytest.fixture
def isolation_levels(app):
    """The isolation level each SQL statement of the test ran with."""
    seen = []

    def record(connection, *_statement):
        seen.append(connection.get_execution_options().get("isolation_level"))

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


@pytest.mark.parametrize("page", READING_PAGES)
def test_learning_pages_read_without_a_transaction(client, auth, users, isolation_levels, page):
    auth.login("learner")
    isolation_levels.clear()
    assert client.get(page).status_code == 200
    assert isolation_levels and set(isolation_levels) == {"AUTOCOMMIT"}


def test_a_write_in_a_read_only_view_fails_and_saves_nothing(app):
    @read_only
    def careless_view():
        db.session.add(Centre(name="Written by mistake"))
        db.session.flush()

    with (
        app.app_context(),
        app.test_request_context(),
        pytest.raises(RuntimeError, match="read-only"),
    ):
        careless_view()
    with app.app_context():
        assert db.session.scalar(select(Centre).where(Centre.name == "Written by mistake")) is None


def test_the_next_request_writes_in_a_transaction_again(client, auth, users, isolation_levels):
    auth.login("learner")
    client.get(READING_PAGES[2])
    isolation_levels.clear()
    lesson = f"/learn/{MODULE.id}/{MODULE.lessons[0].id}/done"
    assert client.post(lesson, data={"then": "stay"}).status_code == 302
    assert "AUTOCOMMIT" not in isolation_levels
