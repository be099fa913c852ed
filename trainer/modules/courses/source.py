"""Cutting a content file into its parts while remembering every part's line."""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from trainer.modules.courses import messages as msg
from trainer.modules.courses.problems import Report
from trainer.modules.courses.wording import Template

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FENCE = re.compile(r"\s{0,3}(```|~~~)")
# Bounds that keep parsing and rendering fast whatever a file holds (Python-Markdown
# is quadratic in the brackets of a paragraph and recursive in nesting).
MAX_FILE_BYTES = 2_000_000
MAX_LINE = 20_000
MAX_INDENT = 40
MAX_QUOTE_DEPTH = 10
MAX_BRACKETS = 200


@dataclass(frozen=True, slots=True)
class Chunk:
    """Some lines of Markdown and the line number of the first of them."""

    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def is_blank(self) -> bool:
        return not any(line.strip() for line in self.lines)

    def first_text_line(self) -> int:
        """The line of the first non-blank line (or of the chunk if blank)."""
        found = next((i for i, line in enumerate(self.lines) if line.strip()), 0)
        return self.line + found

    def line_of(self, needle: str) -> int:
        """The line where `needle` first occurs, else the chunk's first line."""
        first = needle.strip().splitlines()[0] if needle.strip() else ""
        found = next((i for i, line in enumerate(self.lines) if first and first in line), 0)
        return self.line + found


@dataclass(frozen=True, slots=True)
class Heading:
    """`# Title {#id .class name=value}`: the title as written, the id, classes and
    named values if any."""

    title: str
    id: str | None
    classes: tuple[str, ...]
    line: int
    values: tuple[tuple[str, str], ...] = ()

    def value(self, name: str) -> str | None:
        return next((v for k, v in self.values if k == name), None)


@dataclass(frozen=True, slots=True)
class Section:
    heading: Heading
    body: Chunk


def read_lines(path: Path, report: Report) -> list[str] | None:
    """The file's lines, or None (and a problem) if it is not readable UTF-8 text."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            report.error(0, msg.FILE_TOO_LARGE, limit=MAX_FILE_BYTES // 1_000_000)
            return None
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        report.error(0, msg.NOT_UTF8)
        return None
    except OSError as error:
        report.error(0, msg.CANNOT_READ, problem=error.strerror or error)
        return None
    lines = text.splitlines()
    return lines if within_bounds(lines, report) else None


def within_bounds(lines: Sequence[str], report: Report) -> bool:
    """Whether every line, indentation, quote and paragraph is within the bounds;
    the first one that is not is reported."""
    brackets, start = 0, 1
    for number, line in enumerate(lines, start=1):
        problem = _line_problem(line)
        if problem:
            report.error(number, problem[0], **problem[1])
            return False
        brackets, start = (0, number + 1) if not line.strip() else (brackets, start)
        brackets += line.count("[")
        if brackets > MAX_BRACKETS:
            report.error(start, msg.TOO_MANY_BRACKETS, count=brackets, limit=MAX_BRACKETS)
            return False
    return True


def _line_problem(line: str) -> tuple[Template, dict[str, object]] | None:
    if len(line) > MAX_LINE:
        return msg.LINE_TOO_LONG, {"length": len(line), "limit": MAX_LINE}
    prefix = line[: len(line) - len(line.lstrip(" \t>"))]
    indent = len(prefix.replace(">", "").expandtabs(4))
    if indent > MAX_INDENT:
        return msg.TOO_INDENTED, {"depth": indent, "limit": MAX_INDENT}
    if prefix.count(">") > MAX_QUOTE_DEPTH:
        return msg.TOO_MANY_QUOTES, {"depth": prefix.count(">"), "limit": MAX_QUOTE_DEPTH}
    return None


def check_id(value: str, line: int, report: Report) -> bool:
    if ID_PATTERN.fullmatch(value):
        return True
    report.error(line, msg.BAD_ID, id=value)
    return False


def split_sections(body: Chunk, level: int) -> tuple[Chunk, list[tuple[str, int, Chunk]]]:
    """Cut `body` at headings of exactly `level` #s, outside fenced code.

    Returns the text before the first heading, then (heading text, line, body)
    for each heading.
    """
    starts = list(_headings(body.lines, level))
    bounds = [i for i, _ in starts] + [len(body.lines)]
    preamble = Chunk(body.line, body.lines[: bounds[0]])
    sections = [
        (text, body.line + i, Chunk(body.line + i + 1, body.lines[i + 1 : end]))
        for (i, text), end in zip(starts, bounds[1:], strict=True)
    ]
    return preamble, sections


def _headings(lines: Sequence[str], level: int) -> Iterator[tuple[int, str]]:
    """Each ATX heading of exactly `level` #s outside fenced code: its index and its
    text without the optional closing #s. Plain string work, linear in the line."""
    fenced = False
    marker = "#" * level
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.startswith(marker) and not line.startswith(marker + "#"):
            yield i, _heading_text(line[level:])


def _heading_text(rest: str) -> str:
    text = rest.strip()
    unclosed = text.rstrip("#")
    if unclosed != text and (not unclosed or unclosed[-1].isspace()):
        text = unclosed.rstrip()
    return text


def parse_heading(text: str, line: int, report: Report) -> Heading:
    """Split `Title {#id .class name=value}` into its parts, reporting malformed ones."""
    parts = _title_and_attributes(text)
    if parts is None:
        return Heading(text, None, (), line)
    title, attributes = parts
    ids: list[str] = []
    classes: list[str] = []
    values: list[tuple[str, str]] = []
    for token in attributes.split():
        name, _, value = token.partition("=")
        if token.startswith("#") and len(token) > 1:
            ids.append(token[1:])
        elif token.startswith(".") and len(token) > 1:
            classes.append(token[1:])
        elif ID_PATTERN.fullmatch(name) and value:
            values.append((name, value))
        else:
            report.error(line, msg.BAD_HEADING_ATTRIBUTE, token=token)
    for extra in ids[1:]:
        report.error(line, msg.BAD_HEADING_ATTRIBUTE, token="#" + extra)
    if ids:
        check_id(ids[0], line, report)
    return Heading(title, ids[0] if ids else None, tuple(classes), line, tuple(values))


def _title_and_attributes(text: str) -> tuple[str, str] | None:
    """`Title {attributes}` split in two, or None if the text does not end in braces."""
    if not text.endswith("}"):
        return None
    start = text.rfind("{")
    attributes = text[start + 1 : -1]
    if start < 0 or "}" in attributes:
        return None
    return text[:start].rstrip(), attributes


def parse_sections(body: Chunk, level: int, report: Report) -> tuple[Chunk, list[Section]]:
    """Split and parse headings; an id or title missing, or an id used twice, is reported."""
    preamble, parts = split_sections(body, level)
    sections = [Section(parse_heading(text, line, report), chunk) for text, line, chunk in parts]
    seen: dict[str, int] = {}
    for section in sections:
        _check_heading(section.heading, seen, report)
    return preamble, sections


def _check_heading(heading: Heading, seen: dict[str, int], report: Report) -> None:
    if heading.id is None:
        report.error(heading.line, msg.HEADING_WITHOUT_ID, title=heading.title)
        return
    if not heading.title:
        report.error(heading.line, msg.HEADING_WITHOUT_TITLE, id=heading.id)
    if heading.id in seen:
        report.error(heading.line, msg.DUPLICATE_ID, id=heading.id, first=seen[heading.id])
    else:
        seen[heading.id] = heading.line
