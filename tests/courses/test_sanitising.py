"""XSS payloads in Markdown never survive into the rendered HTML, wherever they are."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.content import MODULE, Content
from trainer.modules.courses import Catalogue
from trainer.modules.courses.links import LinkContext, ModuleIndex
from trainer.modules.courses.render import MarkdownRenderer

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<<script>script>alert(1)<</script>/script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x]: javascript:alert(1)\n\nSee [x].",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '[x](https://ok.example "t\\" onmouseover=\\"alert(1)")',
    "<!--><script>alert(1)</script>-->",
    "> [!NOTE] <img src=x onerror=alert(1)>\n> text",
    "| a |\n|---|\n| <script>alert(1)</script> |",
]

ALLOWED_TAGS = {"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre"} | {
    "ul", "ol", "li", "blockquote", "a", "img", "div", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"href", "src", "alt", "title", "rel", "start", "align", "class", "role"}
SAFE_URL = re.compile(r"(/learn/|/content/images/|https?://|mailto:)")


class _Audit(HTMLParser):
    """Collects everything unsafe in a piece of HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.unsafe: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.unsafe.append(f"tag {tag}")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES:
                self.unsafe.append(f"attribute {name}")
            elif name in ("href", "src") and not SAFE_URL.match(value or ""):
                self.unsafe.append(f"url {value}")

    def handle_comment(self, data: str) -> None:
        self.unsafe.append("comment")


def unsafe_parts(html: str) -> list[str]:
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.unsafe + (["<script"] if "<script" in html.lower() else [])


@pytest.fixture(scope="module")
def render() -> MarkdownRenderer:
    return MarkdownRenderer("en").render


CONTEXT = LinkContext(ModuleIndex("m", ("a",)), {}, frozenset({"x.png"}), Path("images"))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_removed(render, payload: str) -> None:
    html = render(payload, CONTEXT).html
    assert unsafe_parts(html) == [], html


@given(st.lists(st.sampled_from(PAYLOADS) | st.text(max_size=20), max_size=6))
def test_payloads_mixed_with_anything_are_removed(payload_parts: list[str]) -> None:
    renderer = MarkdownRenderer("fi")
    html = renderer.render("".join(payload_parts), CONTEXT).html
    assert unsafe_parts(html) == [], html


def all_html(catalogue: Catalogue) -> list[str]:
    parts = []
    for language in catalogue.languages:
        course = catalogue.course(language)
        parts.append(course.description_html)
        for module in course.modules:
            parts += [lesson.html for lesson in module.lessons] + [module.sources_html]
            for question in module.quiz.questions:
                parts += [question.prompt_html, question.case_html, question.explanation_html]
                parts += [o.html for o in question.options] + [
                    o.feedback_html for o in question.options
                ]
    return parts


# Raw HTML is only a warning, so a module with it loads and every field can be checked.
RAW_HTML_PAYLOADS = [
    p for p in PAYLOADS if p.startswith("<") and "\n" not in p and not p.startswith("<javascript")
]


@pytest.mark.parametrize("payload", RAW_HTML_PAYLOADS)
def test_raw_html_anywhere_in_a_module_is_removed(content: Content, payload: str) -> None:
    text = (
        MODULE.replace("Some text.", f"Some text.\n\n{payload}")
        .replace(
            "## Is this a question? {#q-one}",
            f"## Is this {payload}? {{#q-one .scenario}}\n{payload}\n",
        )
        .replace("- [x] Yes", f"- [x] Yes {payload}\n  : {payload}")
        .replace("- [ ] No", f"- [ ] No\n\n> {payload}")
    )
    content.module(text)
    result = content.load()
    assert result.catalogue is not None, [str(p) for p in result.problems]
    for html in all_html(result.catalogue):
        assert unsafe_parts(html) == [], html


def test_the_test_course_is_clean_html(test_catalogue: Catalogue) -> None:
    for html in all_html(test_catalogue):
        assert unsafe_parts(html) == [], html
