"""Views that only read run without a transaction, and cannot write by accident."""

import pytest
from sqlalchemy import delete, func, insert, select, text, update

from tests.helpers.app import TEST_COURSE
from tests.helpers.database import Statement, recorded_statements
from trainer.core.database import ReadOnlyViolation, read_only
from trainer.core.time import utcnow
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


WRITES = {
    "Core insert": lambda: db.session.execute(insert(Centre).values(name="Written by mistake")),
    "Core update": lambda: db.session.execute(update(Centre).values(name="Written by mistake")),
    "Core delete": lambda: db.session.execute(delete(Centre)),
    "text": lambda: db.session.execute(
        text("INSERT INTO centres (name, created_at) VALUES ('Written by mistake', :at)"),
        {"at": utcnow()},
    ),
    "connection": lambda: db.session.connection().execute(
        insert(Centre).values(name="Written by mistake")
    ),
    "data-modifying WITH": lambda: db.session.execute(
        text("WITH gone AS (DELETE FROM centres RETURNING id) SELECT count(*) FROM gone")
    ),
}


@pytest.mark.parametrize("write", WRITES)
def test_no_write_statement_passes_a_read_only_view(app, centres, write):
    """Finding 15 of [hardening-2]: a Core insert in a read-only view returned normally
    and, without a transaction, stayed written."""

    @read_only
    def careless_view():
        return WRITES[write]()

    with app.app_context(), app.test_request_context(), pytest.raises(ReadOnlyViolation):
        careless_view()
    with app.app_context():
        names = set(db.session.scalars(select(Centre.name)))
    assert names == {"Centre A", "Centre B"}


def test_reading_still_works_and_the_next_request_may_write(app, centres):
    @read_only
    def reading_view():
        return db.session.scalar(select(func.count()).select_from(Centre))

    with app.app_context(), app.test_request_context():
        assert reading_view() == 2
    with app.app_context():
        db.session.execute(insert(Centre).values(name="Written on purpose", created_at=utcnow()))
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Centre)) == 3
