"""Reading one module file or course file into its parts, before any rendering.

Values the file gets wrong are reported and replaced by neutral ones (0, "") so
that reading goes on and every problem of the file is found in one pass; a load
with errors never produces a catalogue, so those values never reach the app.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from trainer.modules.courses import messages as msg
from trainer.modules.courses.cases import CaseSource, parse_case
from trainer.modules.courses.changes import Change, parse_changes
from trainer.modules.courses.exercises import check_exercises
from trainer.modules.courses.frontmatter import (
    Fields,
    FrontMatter,
    parse_front_matter,
    split_front_matter,
)
from trainer.modules.courses.models import ShowAnswers
from trainer.modules.courses.problems import Report
from trainer.modules.courses.questions import QuestionSource, parse_question
from trainer.modules.courses.refresher import FIELD as REFRESHER
from trainer.modules.courses.refresher import Refresher, parse_refresher
from trainer.modules.courses.source import (
    Chunk,
    Heading,
    Section,
    check_id,
    parse_sections,
    read_lines,
)

MODULE_FILE = re.compile(r"(?P<order>\d\d)-(?P<id>[^/]+)\.md")
COURSE_FILE = "course.md"
QUIZ_ID = "quiz"
SOURCES_ID = "sources"
DAYS = (1, 2)
MODULE_FIELDS = ("id", "title", "day", "order", "minutes", "objectives", "quiz", "changes")
QUIZ_FIELDS = ("pass_mark", "draw", "show_answers", "wait_minutes")
SHOW_ANSWERS = tuple(choice.value for choice in ShowAnswers)
DEFAULT_WAIT_MINUTES = 10
COURSE_FIELDS: tuple[str, ...] = ("title", "hours", "certificate", "evaluation")
COURSE_FIELDS += (REFRESHER,)  # recertification's refresher path: refresher.py
BRANCHING_CLASS = "branching"
MINUTES_VALUE = "minutes"
MAX_LESSON_MINUTES = 600


@dataclass(frozen=True, slots=True)
class LessonSource:
    """A lesson as written. `minutes` is None when the heading gives none; `case` is the
    branching case when the heading has `.branching`."""

    id: str
    title: str
    line: int
    body: Chunk
    minutes: int | None = None
    exercises: int = 0
    case: CaseSource | None = None


@dataclass(frozen=True, slots=True)
class ModuleSource:
    path: Path
    front: FrontMatter
    id: str
    title: str
    day: int
    order: int
    minutes: int
    objectives: tuple[str, ...]
    pass_mark: int
    draw: int
    show_answers: ShowAnswers
    wait_minutes: int
    lessons: tuple[LessonSource, ...]
    sources: Chunk | None
    quiz_line: int
    questions: tuple[QuestionSource, ...]
    changes: tuple[Change, ...] = ()

    @property
    def file_name(self) -> str:
        return self.path.name

    def line_of(self, field: str) -> int:
        """The line of a front matter field (dotted for nested ones)."""
        return self.front.lines.get(field, self.front.line)


@dataclass(frozen=True, slots=True)
class CourseSource:
    path: Path
    front: FrontMatter
    title: str
    hours: float
    certificate: str
    description: Chunk
    refresher: Refresher | None = None


def parse_course(path: Path, report: Report) -> CourseSource | None:
    parts = _front_and_body(path, report)
    if parts is None:
        return None
    front, body = parts
    fields = Fields(front.values, front, report, COURSE_FIELDS)
    title, hours = fields.text("title") or "", fields.positive_number("hours") or 0
    certificate = fields.text("certificate") or ""
    refresher = parse_refresher(front, report)
    return CourseSource(path, front, title, hours, certificate, body, refresher)


def parse_module(path: Path, report: Report) -> ModuleSource | None:
    parts = _front_and_body(path, report)
    if parts is None:
        return None
    front, body = parts
    fields = Fields(front.values, front, report, MODULE_FIELDS)
    module_id = _module_id(fields, path, report)
    quiz = fields.group("quiz", QUIZ_FIELDS)
    preamble, sections = parse_sections(body, 1, report)
    if not preamble.is_blank:
        report.error(preamble.first_text_line(), msg.TEXT_BEFORE_LESSON)
    quiz_section = _section(sections, QUIZ_ID)
    module = ModuleSource(
        path=path,
        front=front,
        id=module_id,
        title=fields.text("title") or "",
        day=fields.whole_number("day", DAYS[0], DAYS[-1]) or 0,
        order=fields.whole_number("order", 1, 99) or 0,
        minutes=fields.whole_number("minutes", 1, 24 * 60) or 0,
        objectives=fields.texts("objectives") or (),
        pass_mark=(quiz.whole_number("pass_mark", 1, 100) if quiz else None) or 0,
        draw=(quiz.whole_number("draw", 1, 999) if quiz else None) or 0,
        show_answers=_show_answers(quiz),
        wait_minutes=_wait_minutes(quiz),
        lessons=_lessons(sections, report),
        sources=_body(_section(sections, SOURCES_ID)),
        quiz_line=quiz_section.heading.line if quiz_section else 0,
        questions=_questions(quiz_section, report) if quiz_section else (),
        changes=parse_changes(front, path, report),
    )
    _check_module(module, quiz_section, report)
    return module


def _show_answers(quiz: Fields | None) -> ShowAnswers:
    if quiz is None or not quiz.has("show_answers"):
        return ShowAnswers.AFTER_PASS
    return ShowAnswers(quiz.choice("show_answers", SHOW_ANSWERS) or ShowAnswers.AFTER_PASS)


def _wait_minutes(quiz: Fields | None) -> int:
    if quiz is None or not quiz.has("wait_minutes"):
        return DEFAULT_WAIT_MINUTES
    value = quiz.whole_number("wait_minutes", 0, 7 * 24 * 60)
    return DEFAULT_WAIT_MINUTES if value is None else value


def _front_and_body(path: Path, report: Report) -> tuple[FrontMatter, Chunk] | None:
    lines = read_lines(path, report)
    parts = split_front_matter(lines, report) if lines is not None else None
    if parts is None:
        return None
    return parse_front_matter(parts[0], report), parts[1]


def _module_id(fields: Fields, path: Path, report: Report) -> str:
    """The id from the front matter, else from the file name, so reading goes on."""
    module_id = fields.text("id")
    if module_id is not None and check_id(module_id, fields.line("id"), report):
        return module_id
    m = MODULE_FILE.fullmatch(path.name)
    return m["id"] if m else ""


def _section(sections: list[Section], section_id: str) -> Section | None:
    return next((s for s in sections if s.heading.id == section_id), None)


def _body(section: Section | None) -> Chunk | None:
    return section.body if section else None


def _lessons(sections: list[Section], report: Report) -> tuple[LessonSource, ...]:
    lessons = []
    for section in sections:
        heading = section.heading
        if heading.id in (QUIZ_ID, SOURCES_ID):
            _check_plain_heading(heading, report)
        if heading.id is None or heading.id in (QUIZ_ID, SOURCES_ID):
            continue
        if section.body.is_blank:
            report.error(heading.line, msg.EMPTY_LESSON, id=heading.id)
        lessons.append(_lesson(heading, heading.id, section.body, report))
    _check_step_ids(lessons, report)
    return tuple(lessons)


def _lesson(heading: Heading, lesson_id: str, body: Chunk, report: Report) -> LessonSource:
    for name in heading.classes:
        if name != BRANCHING_CLASS:
            report.error(heading.line, msg.LESSON_CLASS, name=name)
    for name, _ in heading.values:
        if name != MINUTES_VALUE:
            report.error(heading.line, msg.LESSON_VALUE, name=name)
    case = None
    if BRANCHING_CLASS in heading.classes:
        case = parse_case(lesson_id, heading.line, body, report)
    exercises = check_exercises(body, report)
    minutes = _minutes(heading, report)
    return LessonSource(lesson_id, heading.title, heading.line, body, minutes, exercises, case)


def _minutes(heading: Heading, report: Report) -> int | None:
    value = heading.value(MINUTES_VALUE)
    if value is None:
        return None
    if value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_LESSON_MINUTES:
        return int(value)
    report.error(heading.line, msg.BAD_MINUTES, value=value, high=MAX_LESSON_MINUTES)
    return None


def _check_plain_heading(heading: Heading, report: Report) -> None:
    """The quiz and sources headings take an id only."""
    for name in heading.classes:
        report.error(heading.line, msg.LESSON_CLASS, name=name)
    for name, _ in heading.values:
        report.error(heading.line, msg.LESSON_VALUE, name=name)


def _check_step_ids(lessons: list[LessonSource], report: Report) -> None:
    """Steps of branching cases share the module's ids with lessons and other steps."""
    seen = {lesson.id: lesson.line for lesson in lessons}
    for lesson in lessons:
        for step in lesson.case.steps if lesson.case else ():
            if step.id in seen:
                report.error(step.line, msg.DUPLICATE_ID, id=step.id, first=seen[step.id])
            else:
                seen[step.id] = step.line


def _questions(quiz: Section, report: Report) -> tuple[QuestionSource, ...]:
    preamble, sections = parse_sections(quiz.body, 2, report)
    if not preamble.is_blank:
        report.error(preamble.first_text_line(), msg.QUIZ_PREAMBLE)
    for section in sections:
        for name, _ in section.heading.values:
            report.error(section.heading.line, msg.QUESTION_VALUE, name=name)
    return tuple(parse_question(s, report) for s in sections if s.heading.id is not None)


def _check_module(module: ModuleSource, quiz: Section | None, report: Report) -> None:
    if not module.lessons:
        report.error(0, msg.NO_LESSONS)
    if quiz is None:
        report.error(0, msg.NO_QUIZ)
    elif not module.questions:
        report.error(quiz.heading.line, msg.EMPTY_QUIZ)
    elif module.draw > len(module.questions):
        pool = len(module.questions)
        report.error(module.line_of("quiz.draw"), msg.DRAW_TOO_LARGE, draw=module.draw, pool=pool)
    expected = f"{module.order:02d}-{module.id}.md"
    if module.order and module.id and module.file_name != expected:
        report.error(0, msg.FILE_NAME_MISMATCH, expected=expected)
