"""The course as the app sees it: immutable, already rendered, one tree per language.

Every `*_html` field is sanitised HTML, safe to mark as such in a template. Ids
(module, lesson, question, option) are the same in every language.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from trainer.modules.courses.changes import Change


class QuestionKind(StrEnum):
    """How a question is answered, and so how it is graded."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true-false"
    ORDERING = "ordering"


@dataclass(frozen=True, slots=True)
class Option:
    """An answer to choose, or a step to put in place.

    `id` is the option's position as written (1, 2, ...). For an ordering
    question `is_correct` is False for every step: its answer is the order.
    """

    id: int
    html: str
    feedback_html: str
    is_correct: bool


@dataclass(frozen=True, slots=True)
class Question:
    """One question of a quiz pool.

    `answer` is what grading compares against: the ids of the correct options
    (choice questions), or every step's id in the correct order (ordering,
    always 1..n because steps are written in order; show them shuffled).
    `case_html` is the text between the heading and the options ("" if none);
    `is_scenario` marks it as a case study.
    """

    id: str
    kind: QuestionKind
    prompt_html: str
    case_html: str
    is_scenario: bool
    options: tuple[Option, ...]
    answer: tuple[int, ...]
    explanation_html: str

    def option(self, option_id: int) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class ShowAnswers(StrEnum):
    """When a result shows the right answers (the learner's own answers and their
    feedback are always shown)."""

    NEVER = "never"
    AFTER_PASS = "after-pass"  # noqa: S105 - a setting's value, not a password
    ALWAYS = "always"


@dataclass(frozen=True, slots=True)
class Quiz:
    """A pool of questions, of which each attempt draws `draw` at random. After each
    failed attempt from the second on, the learner waits `wait_minutes` to try again."""

    pass_mark: int
    draw: int
    questions: tuple[Question, ...]
    show_answers: ShowAnswers = ShowAnswers.AFTER_PASS
    wait_minutes: int = 10

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True, slots=True)
class Choice:
    """What the learner may do at a step of a branching case, and where it leads.
    `number` is its position as written (1, 2, ...), the same in every language."""

    number: int
    html: str
    target: str
    feedback_html: str


@dataclass(frozen=True, slots=True)
class Step:
    """A step of a branching case; one without choices is an ending."""

    id: str
    title: str
    html: str
    choices: tuple[Choice, ...]

    @property
    def is_ending(self) -> bool:
        return not self.choices

    def choice(self, number: int) -> Choice | None:
        return next((c for c in self.choices if c.number == number), None)


@dataclass(frozen=True, slots=True)
class Case:
    """A branching case: the learner starts at the first step and chooses until an
    ending. Step ids are the same in every language, so a path survives a switch."""

    steps: tuple[Step, ...]

    @property
    def start(self) -> Step:
        return self.steps[0]

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


@dataclass(frozen=True, slots=True)
class Lesson:
    """A lesson; `minutes` as the trainer gave it, else as estimated from its words.
    A branching case is a lesson with `case`, whose `html` is its introduction."""

    id: str
    title: str
    html: str
    minutes: int = 0
    case: Case | None = None


@dataclass(frozen=True, slots=True)
class Module:
    """One module file. `version` changes exactly when grading would change."""

    id: str
    order: int
    day: int
    title: str
    minutes: int
    objectives: tuple[str, ...]
    lessons: tuple[Lesson, ...]
    sources_html: str
    quiz: Quiz
    version: str
    file_name: str
    changes: tuple[Change, ...] = ()  # newest first: see changes.py

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    @property
    def cases(self) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if lesson.case)


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement of the course evaluation, answered on a scale from 1 (strongly
    disagree) to 5 (strongly agree)."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The course evaluation (courses/evaluation.py) in one language: its statements
    and its open question. `built_in` means the texts are the UI catalogue's msgids, to
    be worded in the reader's language when shown."""

    statements: tuple[Statement, ...]
    question: str
    built_in: bool = False

    @property
    def statement_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.statements)

    def statement(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements if s.id == statement_id), None)


@dataclass(frozen=True, slots=True)
class Course:
    """The course in one language."""

    language: str
    title: str
    hours: float  # what its modules take, from their minutes
    certificate_text: str
    description_html: str
    modules: tuple[Module, ...]
    evaluation: Evaluation | None = None  # None: the course file turns it off
    # The modules a renewing learner takes again; None: every one (see refresher.py).
    refresher: tuple[str, ...] | None = None
    # (module id, questions drawn): the shorter refresher quizzes of renewals.
    refresher_draw: tuple[tuple[str, int], ...] = ()

    def draw_in_renewal(self, module: "Module") -> int:
        """How many questions the module's quiz draws for a renewing learner."""
        return dict(self.refresher_draw).get(module.id, module.quiz.draw)

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    @property
    def days(self) -> tuple[int, ...]:
        return tuple(sorted({m.day for m in self.modules}))

    def modules_on(self, day: int) -> tuple[Module, ...]:
        return tuple(m for m in self.modules if m.day == day)

    def hours_on(self, day: int) -> float:
        """The time the day's modules take, in hours."""
        return sum(m.minutes for m in self.modules_on(day)) / 60


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every language's course. Module ids and versions agree across languages."""

    courses: Mapping[str, Course]

    def __init__(self, courses: Mapping[str, Course]) -> None:
        object.__setattr__(self, "courses", MappingProxyType(dict(courses)))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.courses)

    @property
    def module_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.course(self.languages[0]).modules)

    def course(self, language: str) -> Course:
        """The course in `language`; KeyError if the course has no such language."""
        return self.courses[language]

    def module(self, language: str, module_id: str) -> Module | None:
        course = self.courses.get(language)
        return course.module(module_id) if course else None

    def language_for(self, wanted: str) -> str:
        """`wanted` if the course is offered in it, else the first language it is."""
        return wanted if wanted in self.courses else self.languages[0]
