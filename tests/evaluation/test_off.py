"""A course file can turn the evaluation off: then no one is asked anything."""

import shutil

import pytest

from tests.evaluation.conftest import ALL_AGREE, rows
from tests.helpers.app import TEST_COURSE


@pytest.fixture
def app_settings(tmp_path):
    """The test course with `evaluation: off` in every language's course file."""
    folder = tmp_path / "content"
    shutil.copytree(TEST_COURSE, folder)
    for language in ("en", "fi", "sv"):
        path = folder / language / "course.md"
        path.write_text(path.read_text().replace("---\n", "---\nevaluation: off\n", 1))
    return {"CONTENT_DIR": str(folder)}


def test_a_course_with_the_evaluation_off_asks_nothing(completer):
    learner = completer("Aino Answer")
    page = learner.client.get("/learn/completed").get_data(as_text=True)
    assert "Congratulations" in page and "/learn/evaluation" not in page
    assert learner.client.get("/learn/evaluation").status_code == 302
    assert learner.answer(ALL_AGREE).status_code == 302
    assert rows()["evaluation_ballots"] == 0
