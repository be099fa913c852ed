"""Trainers signed in, files to check, and a seeded set of quiz attempts.

`nothing_written` holds the promise of the check page: after it, the published
content, the temporary folder and every database table are as they were."""

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.authoring import SEEDED, _files, _row_counts, add_attempt, make_learners
from trainer.extensions import db
from trainer.modules.accounts.models import User


@pytest.fixture
def trainer(client, auth, users):
    auth.login("trainer")
    return client


@pytest.fixture
def nothing_written(app, trainer, tmp_path, monkeypatch) -> Iterator[Path]:
    """Asserts afterwards that the content, the temporary folder and the database are
    unchanged. Yields the temporary folder the checks run in."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    content = Path(app.config["CONTENT_DIR"])
    before = (_files(content), _row_counts())
    yield scratch
    assert list(scratch.iterdir()) == []
    db.session.expire_all()
    assert (_files(content), _row_counts()) == before


@pytest.fixture
def seeded(users, centres) -> dict[str, User]:
    people = {u.email.split("@")[0]: u for u in make_learners(centres["a"], 5)}
    people["trainer"] = users["trainer"]
    for who, language, version, chosen in SEEDED:
        add_attempt(people[who], language, chosen, version)
    db.session.commit()
    return people
