"""Views that only read run without a transaction, and cannot write by accident."""

import pytest
from sqlalchemy import select

from tests.conftest import TEST_COURSE
from tests.database import Statement, recorded_statements
from trainer.core.database import read_only
from trainer.extensions import db
from trainer.modules.accounts.models import Centre
from trainer.modules.courses import load_content

MODULE = load_content(TEST_COURSE).catalogue.course("en").modules[0]
READING_PAGES = ["/learn", f"/learn/{MODULE.id}", f"/learn/{MODULE.id}/{MODULE.lessons[0].id}"]


def isolation_levels(statements: list[Statement]) -> set[str | None]:
    return {statement.isolation_level for statement in statements}


@pytest.mark.parametrize("page", READING_PAGES)
def test_learning_pages_read_without_a_transaction(client, auth, users, page):
    auth.login("learner")
    with recorded_statements(db.engine) as statements:
        assert client.get(page).status_code == 200
    assert statements and isolation_levels(statements) == {"AUTOCOMMIT"}


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


def test_the_next_request_writes_in_a_transaction_again(client, auth, users):
    auth.login("learner")
    client.get(READING_PAGES[2])
    lesson = f"/learn/{MODULE.id}/{MODULE.lessons[0].id}/done"
    with recorded_statements(db.engine) as statements:
        assert client.post(lesson, data={"then": "stay"}).status_code == 302
    assert "AUTOCOMMIT" not in isolation_levels(statements)
