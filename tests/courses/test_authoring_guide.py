"""docs/authoring.md is the contract: every message is explained there, and its
examples are valid content."""

import re
from pathlib import Path

import pytest

from trainer.modules.courses import messages as msg

from .conftest import MODULE, Content

GUIDE = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```markdown\n(.*?)```", GUIDE, re.DOTALL)
QUESTION_EXAMPLES = [e for e in EXAMPLES if e.startswith("## ")]
LESSON_EXAMPLES = [e for e in EXAMPLES if e.startswith(("A paragraph", "> [!", "<!--"))]


@pytest.mark.parametrize("name", [name for name in vars(msg) if name.isupper()])
def test_every_message_is_explained(name: str) -> None:
    shown = getattr(msg, name).replace("{{", "{").replace("}}", "}")
    assert f"`{shown}`" in GUIDE


def test_the_guide_has_examples_of_every_question_type() -> None:
    classes = " ".join(re.findall(r"\{#[^}]*\}", "".join(QUESTION_EXAMPLES)))
    for name in (".multiple", ".true-false", ".ordering", ".scenario"):
        assert name in classes
    assert len(QUESTION_EXAMPLES) >= 6 and len(LESSON_EXAMPLES) == 3


@pytest.mark.parametrize("example", QUESTION_EXAMPLES)
def test_question_examples_are_valid(content: Content, example: str) -> None:
    quiz_start = MODULE.index("## Is this")
    content.module(MODULE[:quiz_start] + example)
    assert content.problems() == []


@pytest.mark.parametrize("example", LESSON_EXAMPLES)
def test_lesson_examples_are_valid(content: Content, example: str) -> None:
    content.module(MODULE.replace("Some text.", example))
    assert content.problems() == []
