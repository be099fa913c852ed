"""The evaluation as the real course and the authoring guide write it."""

import re
from pathlib import Path

import pytest

from tests.helpers.content import COURSE, Content
from trainer.modules.courses import load_content

ROOT = Path(__file__).parents[2]
GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Content:
    monkeypatch.chdir(tmp_path)
    return Content(tmp_path)


def test_the_real_course_asks_five_things_in_every_language():
    catalogue = load_content(ROOT / "content").catalogue
    evaluations = {language: c.evaluation for language, c in catalogue.courses.items()}
    assert set(evaluations) == {"fi", "sv", "en"}
    for evaluation in evaluations.values():
        assert not evaluation.built_in
        assert evaluation.statement_ids == ("relevant", "signs", "clear", "length", "recommend")
        assert evaluation.question.endswith("?")
    texts = {e.statement("signs").text for e in evaluations.values()}
    assert len(texts) == 3, "each language in its own words"


def test_the_guides_example_is_a_valid_evaluation(content: Content):
    section = GUIDE[GUIDE.index("### The course evaluation") :]
    example = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)[0]
    content.module()
    content.write("en/course.md", COURSE.replace("---\nAbout", example + "---\nAbout"))
    assert content.problems() == []
    evaluation = content.load().catalogue.course("en").evaluation
    assert len(evaluation.statements) == 5 and not evaluation.built_in
