"""Fixtures for the content pipeline: the test course, and scratch content folders."""

from pathlib import Path

import pytest

from tests.helpers.content import TEST_COURSE, Content
from trainer.modules.courses import Catalogue, load_content


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Content:
    monkeypatch.chdir(tmp_path)
    return Content(tmp_path)


@pytest.fixture(scope="session")
def test_catalogue() -> Catalogue:
    result = load_content(TEST_COURSE)
    assert result.problems == [], [str(p) for p in result.problems]
    assert result.catalogue is not None
    return result.catalogue
