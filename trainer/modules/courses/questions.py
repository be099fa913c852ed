"""One quiz question as written: `## Prompt {#id .class}`, case text, options, explanation."""

import re
from dataclasses import dataclass

from trainer.modules.courses import messages as msg
from trainer.modules.courses.models import QuestionKind
from trainer.modules.courses.problems import Report
from trainer.modules.courses.source import Chunk, Section

KIND_CLASSES = {kind.value: kind for kind in QuestionKind}
SCENARIO_CLASS = "scenario"

_BOX = re.compile(r"[-*+][ \t]+\[(?P<mark>[ xX])\](?:[ \t]+(?P<text>.*))?$")
_STEP = re.compile(r"\d{1,9}[.)](?:[ \t]+(?P<text>.*))?$")
_FEEDBACK = re.compile(r"[ \t]*:(?:[ \t]+(?P<text>.*))?$")
_QUOTE = re.compile(r" {0,3}>[ ]?(?P<text>.*)$")


@dataclass(frozen=True, slots=True)
class OptionSource:
    number: int
    text: str
    feedback: str
    is_correct: bool
    line: int


@dataclass(frozen=True, slots=True)
class QuestionSource:
    """A question before rendering; `chunk` is all of it, from the heading on."""

    id: str
    kind: QuestionKind
    is_scenario: bool
    prompt: str
    case: Chunk
    options: tuple[OptionSource, ...]
    explanation: str
    chunk: Chunk

    @property
    def line(self) -> int:
        return self.chunk.line

    @property
    def answer(self) -> tuple[int, ...]:
        """What grading compares with: right option numbers, or the steps in order."""
        if self.kind is QuestionKind.ORDERING:
            return tuple(o.number for o in self.options)
        return tuple(o.number for o in self.options if o.is_correct)


@dataclass
class _Option:
    """An option while its lines are being gathered."""

    line: int
    is_correct: bool
    text: list[str]
    feedback: list[str] | None = None

    def add(self, text: str) -> None:
        (self.text if self.feedback is None else self.feedback).append(text)

    def done(self, number: int) -> OptionSource:
        feedback = "\n".join(self.feedback or []).strip()
        return OptionSource(
            number, "\n".join(self.text).strip(), feedback, self.is_correct, self.line
        )


def parse_question(section: Section, report: Report) -> QuestionSource:
    heading = section.heading
    qid = heading.id or ""
    explicit, is_scenario = _kind_from_classes(qid, heading.classes, heading.line, report)
    ordering = explicit is QuestionKind.ORDERING
    lines = section.body.lines
    first = _first_option(lines, ordering)
    if first is None:
        _report_no_options(qid, section.body, ordering, report)
        first = len(lines)
    options, end = _gather_options(section.body, first, _STEP if ordering else _BOX)
    explanation = _explanation(qid, Chunk(section.body.line + end, lines[end:]), report)
    correct = sum(o.is_correct for o in options)
    kind = explicit or (QuestionKind.MULTIPLE if correct > 1 else QuestionKind.SINGLE)
    whole = Chunk(heading.line, (f"## {heading.title}", *lines))
    question = QuestionSource(
        qid, kind, is_scenario, heading.title, Chunk(section.body.line, lines[:first]),
        tuple(options), explanation, whole,
    )  # fmt: skip
    if options:
        _check_options(question, correct, report)
    return question


def _kind_from_classes(
    qid: str, classes: tuple[str, ...], line: int, report: Report
) -> tuple[QuestionKind | None, bool]:
    for name in classes:
        if name not in KIND_CLASSES and name != SCENARIO_CLASS:
            report.error(line, msg.UNKNOWN_QUESTION_CLASS, name=name)
    kinds = [KIND_CLASSES[name] for name in classes if name in KIND_CLASSES]
    if len(kinds) > 1:
        named = ", ".join(f".{kind.value}" for kind in kinds)
        report.error(line, msg.TWO_KINDS, id=qid, kinds=named)
    return (kinds[0] if kinds else None), SCENARIO_CLASS in classes


def _first_option(lines: tuple[str, ...], ordering: bool) -> int | None:
    marker = _STEP if ordering else _BOX
    return next((i for i, line in enumerate(lines) if marker.match(line)), None)


def _report_no_options(qid: str, body: Chunk, ordering: bool, report: Report) -> None:
    other = _first_option(body.lines, not ordering)
    if other is None:
        report.error(body.line - 1, msg.NO_OPTIONS, id=qid)
    elif ordering:
        report.error(body.line + other, msg.ORDERING_WITH_BOXES, id=qid)
    else:
        report.error(body.line + other, msg.NUMBERED_WITHOUT_ORDERING, id=qid)


def _gather_options(
    body: Chunk, first: int, marker: re.Pattern[str]
) -> tuple[list[OptionSource], int]:
    """The options from line `first` on, and the index of the first line after them."""
    gathered: list[_Option] = []
    index = first
    while index < len(body.lines):
        line = body.lines[index]
        if m := marker.match(line):
            is_correct = m.groupdict().get("mark") in ("x", "X")
            gathered.append(_Option(body.line + index, is_correct, [m["text"] or ""]))
        elif not line.strip():
            gathered[-1].add("")
        elif gathered[-1].feedback is None and (m := _FEEDBACK.match(line)):
            gathered[-1].feedback = [m["text"] or ""]
        elif line[0] in " \t":
            gathered[-1].add(line.strip())
        else:
            break
        index += 1
    return [option.done(n) for n, option in enumerate(gathered, start=1)], index


def _explanation(qid: str, rest: Chunk, report: Report) -> str:
    """The quote after the options; anything else there is reported."""
    quoted: list[str] = []
    for offset, line in enumerate(rest.lines):
        if m := _QUOTE.match(line):
            quoted.append(m["text"])
        elif line.strip():
            report.error(rest.line + offset, msg.TEXT_AFTER_OPTIONS, id=qid)
            break
        else:
            quoted.append("")
    return "\n".join(quoted).strip()


def _check_options(question: QuestionSource, correct: int, report: Report) -> None:
    line, qid, count = question.line, question.id, len(question.options)
    for option in question.options:
        if not option.text:
            report.error(option.line, msg.EMPTY_OPTION, number=option.number, id=qid)
    if question.is_scenario and question.case.is_blank:
        report.error(line, msg.SCENARIO_WITHOUT_CASE, id=qid)
    if question.kind is QuestionKind.TRUE_FALSE and (count != 2 or correct != 1):
        report.error(line, msg.TRUE_FALSE_OPTIONS, id=qid)
    elif question.kind is QuestionKind.TRUE_FALSE:
        return
    elif count < 2:
        report.error(line, msg.TOO_FEW_OPTIONS, id=qid)
    elif correct == 0 and question.kind is not QuestionKind.ORDERING:
        report.error(line, msg.NO_CORRECT, id=qid)
    elif correct > 1 and question.kind is QuestionKind.SINGLE:
        report.error(line, msg.SINGLE_WITH_SEVERAL, id=qid, count=correct)
