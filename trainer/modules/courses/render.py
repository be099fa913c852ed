"""Markdown to sanitised HTML: the one place content is rendered, at load time.

Python-Markdown does the parsing, with three changes: raw HTML is dropped (and
reported), GitHub-style callouts become labelled boxes, and links and images are
rewritten to the app's URLs (and reported when broken). nh3 then sanitises the
result against an allow-list of exactly what this Markdown can produce.
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import nh3
from markdown import Markdown
from markdown.blockprocessors import BlockQuoteProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE, InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from trainer.modules.courses import messages as msg
from trainer.modules.courses.links import Issue, LinkContext, resolve_image, resolve_link
from trainer.modules.courses.wording import message

CALLOUT_LABELS = {
    "fi": {
        "note": "Huomaa",
        "warning": "Varoitus",
        "case": "Tapausesimerkki",
        "exercise": "Harjoitus",
        "answer": "Mallivastaus",
    },
    "sv": {
        "note": "Observera",
        "warning": "Varning",
        "case": "Fallexempel",
        "exercise": "Övning",
        "answer": "Modellsvar",
    },
    "en": {
        "note": "Note",
        "warning": "Warning",
        "case": "Case study",
        "exercise": "Exercise",
        "answer": "Model answer",
    },
}
ANSWER = "answer"
# One line of words and plain punctuation, starting with a letter: Markdown would
# only wrap it in <p>, so it is not parsed (most options and feedback are such).
_PLAIN = re.compile(
    r"[^\W\d_](?:[^\W_]|[ ,.;:?!'\"()%/\u2013\u2014\u2019\u201c\u201d\u00ab\u00bb-])*(?<! )"
)
_CALLOUT = re.compile(r"\[!(?P<kind>[A-Za-z]+)\][ \t]*(?P<title>[^\n]*)\n?")
_CALLOUT_LINE = re.compile(r" {0,3}>[ \t]?\[![A-Za-z]+\][^\n]*$")
_CALLOUT_CLASSES = {"callout"} | {f"callout-{kind}" for kind in CALLOUT_LABELS["en"]}

_SANITISER = nh3.Cleaner(
    tags={"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre"}
    | {"ul", "ol", "li", "blockquote", "a", "img", "div", "details", "summary"}
    | {"table", "thead", "tbody", "tr", "th", "td"},
    clean_content_tags={"script", "style"},
    attributes={
        "a": {"href", "title"},
        "img": {"src", "alt", "title"},
        "ol": {"start"},
        "th": {"align"},
        "td": {"align"},
    },
    tag_attribute_values={"div": {"role": {"note"}}},
    allowed_classes={
        "div": _CALLOUT_CLASSES,
        "p": {"callout-title"},
        "details": {"model-answer"},
    },
    url_schemes={"http", "https", "mailto"},
)


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    issues: tuple[Issue, ...]


@dataclass
class _Call:
    """What the processors of one render call share: where, and what went wrong."""

    context: LinkContext | None = None
    issues: list[Issue] = field(default_factory=list)


class MarkdownRenderer:
    """Renders the Markdown of one language; create one per load.

    `render` is the only function that turns Markdown into HTML, so counting its
    calls shows that a page view never renders.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self._call = _Call()
        self._markdown = Markdown(
            extensions=["tables", "sane_lists", "fenced_code", _Course(self._call, language)],
            extension_configs={"tables": {"use_align_attribute": True}},
        )

    def render(self, source: str, context: LinkContext) -> Rendered:
        """Sanitised HTML for `source`, and the issues found in it."""
        if _PLAIN.fullmatch(source):
            return Rendered(f"<p>{source}</p>", ())
        self._call.context, self._call.issues = context, []
        self._markdown.reset()
        html = _SANITISER.clean(self._markdown.convert(source))
        return Rendered(html, tuple(self._call.issues))

    def render_inline(self, source: str, context: LinkContext) -> Rendered:
        """Like `render`, without the paragraph around a single line of text."""
        rendered = self.render(source, context)
        html = rendered.html
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Rendered(html, rendered.issues)


class _Course(Extension):
    def __init__(self, call: _Call, language: str) -> None:
        super().__init__()
        self._call = call
        self._labels = CALLOUT_LABELS[language]

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("automail")
        md.inlinePatterns.register(_DropRawHtml(HTML_RE, self._call), "html", 90)
        md.preprocessors.register(_CalloutLineApart(md), "callout_line_apart", 25)
        md.parser.blockprocessors.register(_SeparateQuotes(md.parser), "quote", 20)
        md.treeprocessors.register(_Callouts(md, self._call, self._labels), "callouts", 25)
        md.treeprocessors.register(_Links(md, self._call), "course_links", 15)
        md.treeprocessors.register(_DropEmptyParagraphs(md), "drop_empty_paragraphs", 14)


class _CalloutLineApart(Preprocessor):
    """`> [!NOTE] Title` stands in a paragraph of its own, so that a list or a table
    may start on the next line of the quote, as on GitHub."""

    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        for line in lines:
            result.append(line)
            if _CALLOUT_LINE.match(line):
                result.append(">")
        return result


class _SeparateQuotes(BlockQuoteProcessor):
    """Quotes with a blank line between them stay apart, as on GitHub, so that
    two callouts in a row never merge into one."""

    def lastChild(self, parent: etree.Element) -> None:
        return None


class _DropRawHtml(InlineProcessor):
    """Raw HTML is not part of the format: drop it, and say so once per opening
    tag (comments and closing tags are dropped silently)."""

    def __init__(self, pattern: str, call: _Call) -> None:
        super().__init__(pattern)
        self._call = call

    # InlineProcessor's handleMatch takes and returns more than Pattern's, by Markdown's
    # design; types-Markdown ignores the same mismatch on InlineProcessor itself.
    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[str, int, int]:
        raw = m.group(1)
        if not raw.startswith(("<!--", "</")):
            self._call.issues.append(Issue(message(msg.RAW_HTML, html=raw), raw, "warning"))
        return "", m.start(0), m.end(0)


class _Callouts(Treeprocessor):
    """`> [!NOTE] Optional title` quotes become labelled boxes (runs before inline)."""

    def __init__(self, md: Markdown, call: _Call, labels: dict[str, str]) -> None:
        super().__init__(md)
        self._call = call
        self._labels = labels

    def run(self, root: etree.Element) -> None:
        for quote in list(root.iter("blockquote")):
            first = quote[0] if len(quote) else None
            if first is None or first.tag != "p" or not first.text:
                continue
            if m := _CALLOUT.match(first.text):
                self._make_callout(quote, first, m)

    def _make_callout(self, quote: etree.Element, first: etree.Element, m: re.Match) -> None:
        kind = m["kind"].lower()
        if kind not in self._labels:
            self._call.issues.append(Issue(message(msg.UNKNOWN_CALLOUT, kind=m["kind"]), m[0]))
            return
        label, title_text = self._labels[kind], m["title"].strip()
        if kind == ANSWER:
            quote.tag, quote.attrib = "details", {"class": "model-answer"}
            title = etree.Element("summary")
            title.text = title_text or label
        else:
            quote.tag = "div"
            quote.attrib.update({"class": f"callout callout-{kind}", "role": "note"})
            title = etree.Element("p", {"class": "callout-title"})
            title.text = f"{label}: {title_text}" if title_text else label
        quote.insert(0, title)
        first.text = m.string[m.end() :]  # m matched first.text
        if not first.text.strip() and len(first) == 0:
            quote.remove(first)


class _Links(Treeprocessor):
    """Rewrites links to lessons and images to the app's URLs (runs after inline)."""

    def __init__(self, md: Markdown, call: _Call) -> None:
        super().__init__(md)
        self._call = call

    def run(self, root: etree.Element) -> None:
        context = self._call.context
        assert context is not None
        for link in root.iter("a"):
            url, issue = resolve_link(link.get("href", ""), context)
            self._call.issues.extend([issue] if issue else [])
            self._set_or_drop(link, "href", url)
        for image in root.iter("img"):
            url, issues = resolve_image(image.get("src", ""), image.get("alt", ""), context)
            self._call.issues.extend(issues)
            self._set_or_drop(image, "src", url)

    @staticmethod
    def _set_or_drop(element: etree.Element, name: str, url: str | None) -> None:
        if url is None:
            element.attrib.pop(name, None)
        else:
            element.set(name, url)


class _DropEmptyParagraphs(Treeprocessor):
    """A paragraph that held only dropped HTML (a comment, say) leaves no <p></p>."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "p" and not (child.text or "").strip() and len(child) == 0:
                    parent.remove(child)
