"""0016 puts every branching-case choice made so far into cycle 1 and every certificate
into edition 1, keeping each certificate's PDFs, and undoes it cleanly."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.cycles.test_migration import ROWS
from tests.helpers.app import make_app
from tests.helpers.database import POSTGRES_URL, fresh_postgres_database
from trainer.extensions import db

MORE_ROWS = [
    "INSERT INTO case_choices (id, user_id, module_id, case_id, run, step_id, choice,"
    " chosen_at) VALUES (1, 1, 'helping', 'case-evening', 1, 'notice', 1,"
    " '2026-01-02 11:00:00+00:00')",
]
DOCUMENT = (
    "INSERT INTO certificate_documents (id, certificate_id, language, pdf, rendered_at)"
    " VALUES (1, 1, 'fi', :pdf, '2026-01-03 09:00:00+00:00')"
)
EDITION = (
    "INSERT INTO certificates (id, code, user_id, completion_id, edition, language,"
    " issued_at, expires_at, snapshot) VALUES ({id}, '{code}', 1, 1, {edition}, 'fi',"
    " '2026-02-03 09:00:00+00:00', '2028-01-03 09:00:00+00:00', '{{}}')"
)


def _scalars(sql: str) -> list:
    with db.engine.connect() as connection:
        return connection.execute(text(sql)).scalars().all()


def _migrate_with_rows(url: str) -> dict[str, list]:
    app = make_app(url)
    with app.app_context():
        upgrade(revision="0015_scim")
        with db.engine.begin() as connection:
            for row in [*ROWS, *MORE_ROWS]:
                connection.execute(text(row))
            connection.execute(text(DOCUMENT), {"pdf": b"%PDF-1.7"})
        upgrade(revision="0016_cycle_gaps")
        found = {
            "choice_cycles": _scalars("SELECT cycle FROM case_choices"),
            "editions": _scalars("SELECT edition FROM certificates"),
            "documents": _scalars("SELECT certificate_id FROM certificate_documents"),
            "foreign_keys": (
                _scalars("PRAGMA foreign_keys") if db.engine.dialect.name == "sqlite" else [1]
            ),
        }
        with db.engine.begin() as connection:
            connection.execute(text(EDITION.format(id=2, code="BCDEFGHJKLMNPQRS", edition=2)))
        try:
            with db.engine.begin() as connection:
                connection.execute(text(EDITION.format(id=3, code="CDEFGHJKLMNPQRST", edition=1)))
        except IntegrityError:
            found["second_edition_1_refused"] = [True]
        downgrade(revision="0015_scim")
        found["after_downgrade"] = _scalars("SELECT id FROM certificates")
        found["choices_after_downgrade"] = _scalars("SELECT id FROM case_choices")
        found["documents_after_downgrade"] = _scalars(
            "SELECT certificate_id FROM certificate_documents"
        )
        db.engine.dispose()
    return found


def _check(found: dict[str, list]) -> None:
    assert found["choice_cycles"] == [1]
    assert found["editions"] == [1]
    assert found["documents"] == [1]
    assert found["foreign_keys"] == [1]
    assert found.get("second_edition_1_refused") == [True]
    assert found["after_downgrade"] == [1]  # the later edition cannot stay
    assert found["choices_after_downgrade"] == [1]
    assert found["documents_after_downgrade"] == [1]


def test_sqlite_choices_join_cycle_one_and_certificates_keep_their_pdfs(tmp_path):
    _check(_migrate_with_rows(f"sqlite:///{tmp_path}/gaps.sqlite"))


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="TRAINER_TEST_DATABASE_URL is not set")
def test_postgresql_choices_join_cycle_one_and_certificates_keep_their_pdfs():
    with fresh_postgres_database(POSTGRES_URL) as url:
        _check(_migrate_with_rows(url))
