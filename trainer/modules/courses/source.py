"""Cutting a content file into its parts while remembering every part's line."""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import messages as msg
from .problems import Report

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FENCE = re.compile(r"\s{0,3}(```|~~~)")
_ATTRIBUTES = re.compile(r"^(?P<title>.*?)\s*\{(?P<attributes>[^{}]*)\}\s*$")


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
    """`# Title {#id .class}`: the title as written, the id and classes if any."""

    title: str
    id: str | None
    classes: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Section:
    heading: Heading
    body: Chunk


def read_lines(path: Path, report: Report) -> list[str] | None:
    """The file's lines, or None (and a problem) if it is not readable UTF-8 text."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        report.error(0, msg.NOT_UTF8)
        return None
    except OSError as error:
        report.error(0, msg.CANNOT_READ, problem=error.strerror or error)
        return None
    return text.splitlines()


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
    marker = re.compile(rf"#{{{level}}}(?!#)\s*(?P<text>.*?)\s*#*\s*$")
    starts = [(i, m["text"]) for i, m in _headings(body.lines, marker)]
    bounds = [i for i, _ in starts] + [len(body.lines)]
    preamble = Chunk(body.line, body.lines[: bounds[0]])
    sections = [
        (text, body.line + i, Chunk(body.line + i + 1, body.lines[i + 1 : end]))
        for (i, text), end in zip(starts, bounds[1:], strict=True)
    ]
    return preamble, sections


def _headings(lines: Sequence[str], marker: re.Pattern[str]) -> Iterator[tuple[int, re.Match]]:
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (m := marker.match(line)):
            yield i, m


def parse_heading(text: str, line: int, report: Report) -> Heading:
    """Split `Title {#id .class}` into its parts, reporting malformed ones."""
    m = _ATTRIBUTES.match(text)
    if not m:
        return Heading(text, None, (), line)
    ids: list[str] = []
    classes: list[str] = []
    for token in m["attributes"].split():
        if token.startswith("#") and len(token) > 1:
            ids.append(token[1:])
        elif token.startswith(".") and len(token) > 1:
            classes.append(token[1:])
        else:
            report.error(line, msg.BAD_HEADING_ATTRIBUTE, token=token)
    for extra in ids[1:]:
        report.error(line, msg.BAD_HEADING_ATTRIBUTE, token="#" + extra)
    if ids:
        check_id(ids[0], line, report)
    return Heading(m["title"], ids[0] if ids else None, tuple(classes), line)


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
