"""docs/authoring.md is the contract: every message is explained there, and its
examples are valid content."""

import html
import re
from pathlib import Path

import pytest

from tests.helpers.content import MODULE, Content
from trainer.modules.authoring.guide import guide_html
from trainer.modules.courses import messages as msg

GUIDE = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```markdown\n(.*?)```", GUIDE, re.DOTALL)
QUESTION_EXAMPLES = [e for e in EXAMPLES if e.startswith("## ")]
LESSON_EXAMPLES = [e for e in EXAMPLES if e.startswith(("A paragraph", "> [!", "<!--"))]
CASE_EXAMPLES = [e for e in EXAMPLES if ".branching" in e.splitlines()[0]]
SOURCE_EXAMPLES = [e for e in EXAMPLES if e.startswith("- ") and "Read 20" in e]
# An example's minutes are illustrative: the module around it is not sized to match.
TIME_MESSAGES = (msg.LESSON_TIME.text.split("{")[0], msg.MODULE_TIME.text.split("{")[0])


def guide_section(anchor: str) -> str:
    """The guide page's section with `anchor`, up to the next heading."""
    page = str(guide_html())
    start = page.index(f'id="{anchor}"')
    end = page.find("<h", start)
    return html.unescape(page[start : end if end > 0 else None])


def problems_beside_time(content: Content) -> list[str]:
    return [p for p in content.problems() if not any(t in p for t in TIME_MESSAGES)]


@pytest.mark.parametrize("name", msg.problem_templates())
def test_every_message_is_explained_in_its_section(name: str) -> None:
    """The guide shows the message (its plural form, if it has one) in the section
    that the check page links it to."""
    template = msg.problem_templates()[name]
    shown = template.forms[-1].replace("{{", "{").replace("}}", "}")
    assert f"<code>{shown}</code>" in guide_section(template.section)


def test_the_guide_has_examples_of_every_question_type() -> None:
    classes = " ".join(re.findall(r"\{#[^}]*\}", "".join(QUESTION_EXAMPLES)))
    for name in (".multiple", ".true-false", ".ordering", ".scenario"):
        assert name in classes
    assert len(QUESTION_EXAMPLES) >= 6 and len(LESSON_EXAMPLES) == 4


@pytest.mark.parametrize("example", QUESTION_EXAMPLES)
def test_question_examples_are_valid(content: Content, example: str) -> None:
    quiz_start = MODULE.index("## Is this")
    content.module(MODULE[:quiz_start] + example)
    assert content.problems() == []


@pytest.mark.parametrize("example", LESSON_EXAMPLES)
def test_lesson_examples_are_valid(content: Content, example: str) -> None:
    content.module(MODULE.replace("Some text.", example))
    assert problems_beside_time(content) == []


def test_the_branching_case_example_is_valid(content: Content) -> None:
    (example,) = CASE_EXAMPLES
    content.module(MODULE.replace("# First lesson {#first}\n\nSome text.\n", example))
    assert problems_beside_time(content) == []
    case = content.load().catalogue.module("en", "basics").lessons[0].case
    assert [s.id for s in case.steps if s.is_ending] == ["end-referred", "end-waiting"]


def test_the_sources_example_is_traceable(content: Content) -> None:
    (example,) = SOURCE_EXAMPLES
    content.module(MODULE.replace("# Quiz", f"# Sources {{#sources}}\n\n{example}\n# Quiz"))
    assert content.problems() == []
