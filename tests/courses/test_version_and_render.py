"""The content version follows grading only; the plain-text shortcut renders like Markdown."""

import re
from pathlib import Path
from unittest.mock import patch

from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.content import MODULE, Content
from trainer.modules.courses import render
from trainer.modules.courses.links import LinkContext, ModuleIndex
from trainer.modules.courses.render import _PLAIN, MarkdownRenderer


def version(content: Content, text: str) -> str:
    content.module(text)
    result = content.load()
    assert result.catalogue is not None, [str(p) for p in result.problems]
    return result.catalogue.module("en", "basics").version


def test_wording_does_not_change_the_version(content: Content) -> None:
    before = version(content, MODULE)
    reworded = MODULE.replace("Some text.", "Other text.").replace("Yes", "Yes indeed")
    with_feedback = reworded.replace("- [ ] No", "- [ ] No\n  : Because.\n\n> Why.")
    assert version(content, with_feedback) == before


def test_grading_changes_change_the_version(content: Content) -> None:
    before = version(content, MODULE)
    changes = [
        MODULE.replace("pass_mark: 80", "pass_mark: 70"),
        MODULE.replace("- [ ] No", "- [ ] No\n- [ ] Maybe"),
        MODULE.replace("- [x] Yes\n- [ ] No", "- [ ] Yes\n- [x] No"),
        MODULE.replace("{#q-one}", "{#q-one .multiple}"),
        MODULE.replace("{#q-one}", "{#q-other}"),
        MODULE + "\n## Another? {#q-two}\n- [x] A\n- [ ] B\n",
    ]
    versions = {version(content, text) for text in changes}
    assert before not in versions and len(versions) == len(changes)


CONTEXT = LinkContext(ModuleIndex("m", ("a",)), {}, frozenset(), Path("images"))
PLAIN_TEXT = st.text(
    st.characters(categories=["L", "N", "Zs"])
    | st.sampled_from(list(",.;:?!'\"()%/\u2013\u2014\u2019\u201c\u201d\u00ab\u00bb-")),
    max_size=40,
)


@given(PLAIN_TEXT)
def test_plain_text_shortcut_renders_like_markdown(text: str) -> None:
    renderer = MarkdownRenderer("en")
    if _PLAIN.fullmatch(text):
        shortcut = renderer.render(text, CONTEXT).html
        with patch.object(render, "_PLAIN", re.compile("(?!)")):
            assert renderer.render(text, CONTEXT).html == shortcut
