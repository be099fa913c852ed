"""A learner's progress through the course, read in a fixed number of queries."""

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, case, func, select

from trainer.extensions import db
from trainer.modules.accounts.models import cycle_of
from trainer.modules.courses import Course, Lesson, Module
from trainer.modules.learning.models import CourseCompletion, LessonProgress
from trainer.modules.quizzes.models import QuizAttempt


class Status(StrEnum):
    """How far someone has got with a module, or with the whole course."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        """The status in words, in the reader's language."""
        return str(_STATUS_LABELS[self])


_STATUS_LABELS = {
    Status.NOT_STARTED: _l("Not started"),
    Status.IN_PROGRESS: _l("In progress"),
    Status.COMPLETED: _l("Completed"),
}


@dataclass(frozen=True)
class ModuleProgress:
    module: Module
    lessons_done: frozenset[str]
    best_score: float | None
    quiz_passed: bool

    @property
    def steps(self) -> int:
        return len(self.module.lessons) + 1  # every lesson, and the quiz

    @property
    def steps_done(self) -> int:
        done = sum(1 for lesson in self.module.lessons if lesson.id in self.lessons_done)
        return done + (1 if self.quiz_passed else 0)

    @property
    def percent(self) -> int:
        return round(100 * self.steps_done / self.steps)

    @property
    def status(self) -> Status:
        if self.steps_done == self.steps:
            return Status.COMPLETED
        if self.steps_done or self.best_score is not None:
            return Status.IN_PROGRESS
        return Status.NOT_STARTED

    def next_lesson_id(self) -> str | None:
        """The first lesson not yet read, or None when all are."""
        return next((x.id for x in self.module.lessons if x.id not in self.lessons_done), None)

    @property
    def unread(self) -> tuple[Lesson, ...]:
        """The lessons not yet read, in course order."""
        return tuple(x for x in self.module.lessons if x.id not in self.lessons_done)


@dataclass(frozen=True)
class CourseProgress:
    modules: tuple[ModuleProgress, ...]
    is_completed: bool

    @property
    def percent(self) -> int:
        steps = sum(m.steps for m in self.modules)
        return round(100 * sum(m.steps_done for m in self.modules) / steps) if steps else 0

    @property
    def is_done(self) -> bool:
        return all(m.status is Status.COMPLETED for m in self.modules)

    def of(self, module_id: str) -> ModuleProgress:
        return next(m for m in self.modules if m.module.id == module_id)

    def continue_with(self) -> ModuleProgress | None:
        """The module to go on with: the first one not done."""
        return next((m for m in self.modules if m.status is not Status.COMPLETED), None)


# Whether a lesson is read, for the busiest page: built once and asked as plain SQL, as
# the ORM's result machinery cost more than the query itself.
_LESSONS = LessonProgress.__table__.c
_LESSON_DONE = select(_LESSONS.id).where(
    _LESSONS.user_id == bindparam("user_id"),
    _LESSONS.cycle == cycle_of(bindparam("user_id")),
    _LESSONS.module_id == bindparam("module_id"),
    _LESSONS.lesson_id == bindparam("lesson_id"),
)


def lesson_is_done(user_id: int, module_id: str, lesson_id: str) -> bool:
    parameters = {"user_id": user_id, "module_id": module_id, "lesson_id": lesson_id}
    return db.session.connection().execute(_LESSON_DONE, parameters).first() is not None


def passed_attempts(user_id: int, module_id: str) -> int:
    """How many of the learner's attempts at the module's quiz passed in their current
    training cycle (a renewal's first pass completes the module again)."""
    return (
        db.session.scalar(
            select(func.count()).where(
                QuizAttempt.user_id == user_id,
                QuizAttempt.module_id == module_id,
                QuizAttempt.cycle == cycle_of(user_id),
                QuizAttempt.is_passed.is_(True),
            )
        )
        or 0
    )


def unread_lessons(user_id: int, module: Module) -> tuple[Lesson, ...]:
    """The module's lessons the learner has not read yet, in course order."""
    read = set(
        db.session.scalars(
            select(LessonProgress.lesson_id).where(
                LessonProgress.user_id == user_id,
                LessonProgress.cycle == cycle_of(user_id),
                LessonProgress.module_id == module.id,
            )
        )
    )
    return tuple(lesson for lesson in module.lessons if lesson.id not in read)


def course_progress(user_id: int, course: Course) -> CourseProgress:
    """How far the learner is in their current training cycle."""
    cycle = cycle_of(user_id)
    lessons = db.session.execute(
        select(LessonProgress.module_id, LessonProgress.lesson_id).where(
            LessonProgress.user_id == user_id, LessonProgress.cycle == cycle
        )
    ).all()
    scores = db.session.execute(
        select(
            QuizAttempt.module_id,
            func.max(QuizAttempt.score),
            func.max(case((QuizAttempt.is_passed.is_(True), 1), else_=0)),
        )
        .where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.cycle == cycle,
            QuizAttempt.submitted_at.is_not(None),
        )
        .group_by(QuizAttempt.module_id)
    ).all()
    completed = db.session.scalar(
        select(func.count()).where(
            CourseCompletion.user_id == user_id, CourseCompletion.cycle == cycle
        )
    )
    done_by_module: dict[str, set[str]] = {}
    for module_id, lesson_id in lessons:
        done_by_module.setdefault(module_id, set()).add(lesson_id)
    best = {module_id: (score, bool(passed)) for module_id, score, passed in scores}
    modules = tuple(
        ModuleProgress(
            module=m,
            lessons_done=frozenset(done_by_module.get(m.id, ())),
            best_score=best.get(m.id, (None, False))[0],
            quiz_passed=best.get(m.id, (None, False))[1],
        )
        for m in course.modules
    )
    return CourseProgress(modules=modules, is_completed=bool(completed))
