"""Keeping each learner's summaries in step with what is written: a row a module
(module_summaries) and a row a person (person_summaries, the module rows summed for the
course's structure), so that the managers' dashboard reads one row a person.

A module row's every change is one UPDATE that only ever adds (a lesson, a better score,
a pass, a later time); the row is made on first use. The person row is summed again from
the module rows after each change, by a request that holds it from before the change
(`hold_person`): two requests of one learner then sum in turn, and neither writes a total
that misses the other's change. Functions flush; the view commits once.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    case,
    exists,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.selectable import Subquery

from trainer.core.database import changed_rows
from trainer.core.time import UTCDateTime
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.courses import Course, Module, catalogue
from trainer.modules.learning.models import (
    LessonProgress,
    ModuleSummary,
    PersonSummary,
    RecordedLesson,
)
from trainer.modules.quizzes.models import QuizAttempt

People = list[int] | Select  # user ids, or a query of them


def _later(at: datetime):
    at_value = literal(at, UTCDateTime())
    latest = ModuleSummary.last_activity_at
    return case((latest < at_value, at_value), else_=latest)


def _apply(user_id: int, module_id: str, changes: dict, first: dict) -> None:
    """Apply the changes to the learner's summary row, or make the row with `first`."""
    statement = (
        update(ModuleSummary)
        .where(ModuleSummary.user_id == user_id, ModuleSummary.module_id == module_id)
        .values(changes)
        .execution_options(synchronize_session=False)
    )
    if changed_rows(statement):
        return
    try:
        with db.session.begin_nested():
            row = {"user_id": user_id, "module_id": module_id, **first}
            db.session.execute(insert(ModuleSummary).values(row))
    except IntegrityError:  # a concurrent request made the row first
        db.session.execute(statement)


def _remember(module_id: str, lesson_id: str) -> None:
    known = exists().where(
        RecordedLesson.module_id == module_id, RecordedLesson.lesson_id == lesson_id
    )
    if db.session.scalar(select(known)):
        return
    try:
        with db.session.begin_nested():
            db.session.add(RecordedLesson(module_id=module_id, lesson_id=lesson_id))
    except IntegrityError:
        pass  # a concurrent request recorded it first


def count_lesson(user_id: int, module_id: str, lesson_id: str, at: datetime) -> None:
    """A lesson newly recorded as read."""
    _remember(module_id, lesson_id)
    hold_person(user_id)
    changes = {"lessons_done": ModuleSummary.lessons_done + 1, "last_activity_at": _later(at)}
    _apply(user_id, module_id, changes, {"lessons_done": 1, "last_activity_at": at})
    summarise_person(user_id)


def count_attempt(attempt: QuizAttempt) -> None:
    """A submitted attempt: its score may be the best, it may pass."""
    assert attempt.submitted_at is not None, "only a submitted attempt is counted"
    best = ModuleSummary.best_score
    score = literal(attempt.score, best.type)
    changes = {
        "best_score": case((best.is_(None) | (best < score), score), else_=best),
        "last_activity_at": _later(attempt.submitted_at),
    }
    if attempt.is_passed:
        changes["quiz_passed"] = True
    first = {
        "best_score": attempt.score,
        "quiz_passed": bool(attempt.is_passed),
        "last_activity_at": attempt.submitted_at,
    }
    hold_person(attempt.user_id)
    _apply(attempt.user_id, attempt.module_id, changes, first)
    summarise_person(attempt.user_id)


def _is_current_lesson(course: Course, module_id, lesson_id):
    return or_(
        false(),
        *(
            and_(module_id == module.id, lesson_id.in_([lesson.id for lesson in module.lessons]))
            for module in course.modules
        ),
    )


def _by_module(course: Course, value: Callable[[int, Module], ColumnElement]):
    """What a module summary row adds up to for the course's i-th module (0 for modules
    the course no longer has): one CASE a row, however many sums read it."""
    return case(
        {module.id: value(i, module) for i, module in enumerate(course.modules)},
        value=ModuleSummary.module_id,
        else_=0,
    )


_BUILT: dict[tuple[int, str], tuple[Course, Any]] = {}


def _built(course: Course, name: str, build: Callable[[], Any]) -> Any:
    """A statement for `course` built once: a course is immutable and lives as long as its
    app, and every lesson read and quiz submitted sums a person again (building these
    statements took longer than running them)."""
    known = _BUILT.get((id(course), name))
    if known is None or known[0] is not course:
        if len(_BUILT) > 64:  # courses parsed again (tests, previews): keep the recent
            _BUILT.clear()
        known = _BUILT[(id(course), name)] = (course, build())
    return known[1]


def lessons_gone(course: Course) -> list[tuple[str, str]]:
    """The lessons someone has read that the course no longer has, from the few lessons
    ever recorded: usually none."""
    statement = _built(
        course,
        "lessons gone",
        lambda: select(RecordedLesson.module_id, RecordedLesson.lesson_id).where(
            ~_is_current_lesson(course, RecordedLesson.module_id, RecordedLesson.lesson_id)
        ),
    )
    return [(module_id, lesson_id) for module_id, lesson_id in db.session.execute(statement)]


Gone = list[tuple[str, str]] | BindParameter  # (module, lesson) ids, or a parameter for them


def _lessons_gone_read(gone: Gone) -> Subquery:
    """Per person and module: how many of the `gone` lessons they read in their current
    cycle, so that content changes do not inflate progress (the index on (module, lesson)
    finds them without reading everyone's progress)."""
    return (
        select(LessonProgress.user_id, LessonProgress.module_id, func.count().label("lessons"))
        .join(User, and_(User.id == LessonProgress.user_id, User.cycle == LessonProgress.cycle))
        .where(tuple_(LessonProgress.module_id, LessonProgress.lesson_id).in_(gone))
        .group_by(LessonProgress.user_id, LessonProgress.module_id)
        .subquery()
    )


def summed_modules(people: People | BindParameter, course: Course, gone: Gone) -> Select:
    """Per person, from the module summaries: lessons read (less those of `gone`), the sum
    of best scores, the modules whose every lesson is read and whose quiz is passed
    (masks), the last activity."""
    query = select(ModuleSummary.user_id)
    lessons: ColumnElement[int] = ModuleSummary.lessons_done.expression
    if not isinstance(gone, list) or gone:
        read = _lessons_gone_read(gone)
        lessons = lessons - func.coalesce(read.c.lessons, 0)
        query = query.outerjoin(
            read,
            and_(
                read.c.user_id == ModuleSummary.user_id,
                read.c.module_id == ModuleSummary.module_id,
            ),
        )
    score = ModuleSummary.best_score.expression
    passed = ModuleSummary.quiz_passed.is_(True)
    return (
        query.add_columns(
            func.sum(_by_module(course, lambda i, module: lessons)).label("lessons"),
            func.sum(
                _by_module(
                    course,
                    lambda i, module: case((lessons == len(module.lessons), 1 << i), else_=0),
                )
            ).label("complete_mask"),
            func.coalesce(func.sum(_by_module(course, lambda i, module: score)), 0.0).label(
                "score_total"
            ),
            func.sum(_by_module(course, lambda i, module: case((passed, 1 << i), else_=0))).label(
                "passed_mask"
            ),
            func.count(ModuleSummary.best_score).label("tried"),
            func.max(ModuleSummary.last_activity_at).label("last"),
        )
        .where(ModuleSummary.user_id.in_(people))
        .group_by(ModuleSummary.user_id)
    )


def course_key(course: Course) -> str:
    """What a person summary's sums depend on in the course: its modules, in order, and
    their lessons."""
    shape = ";".join(
        f"{module.id}:{','.join(lesson.id for lesson in module.lessons)}"
        for module in course.modules
    )
    return hashlib.sha256(shape.encode()).hexdigest()[:16]


def _course() -> Course:
    """The course in its first language: every language has the same modules and lessons."""
    courses = catalogue()
    return courses.course(courses.languages[0])


def hold_person(user_id: int) -> None:
    """Lock the learner's person summary (made if missing) until the transaction ends.
    PostgreSQL: a second request of theirs waits here, and sums after this one has
    committed. SQLite: the write lock is already held, one writer at a time."""
    locked = select(PersonSummary.user_id).where(PersonSummary.user_id == user_id)
    if db.session.scalar(locked.with_for_update()) is not None:
        return
    try:
        with db.session.begin_nested():
            db.session.execute(insert(PersonSummary).values(user_id=user_id, course_key=""))
    except IntegrityError:  # a concurrent request made it first: wait for it to end
        db.session.scalar(locked.with_for_update())


_SUMS = ("lessons", "complete_mask", "score_total", "passed_mask", "tried", "last")
_NOTHING_DONE = dict.fromkeys(_SUMS[:-1], 0) | {"score_total": 0.0, "last": None}


def _sums_of(people: list[int], course: Course) -> dict[int, dict]:
    """The person summaries' values for these people, from their module summaries."""
    gone = lessons_gone(course)
    statement = _built(
        course,
        "sums, lessons gone" if gone else "sums",
        lambda: summed_modules(
            bindparam("people", expanding=True),
            course,
            bindparam("gone", expanding=True) if gone else [],
        ),
    )
    records = db.session.execute(statement, {"people": people, "gone": gone})
    return {record.user_id: {name: getattr(record, name) for name in _SUMS} for record in records}


def _write_sums(sums: dict[int, dict], key: str) -> None:
    """Write each person's sums (`hold_person` or `summarise_stale` holds their rows)."""
    statement = (
        update(PersonSummary)
        .where(PersonSummary.user_id == bindparam("person"))
        .values(
            course_key=key,
            lessons=bindparam("lessons"),
            complete_mask=bindparam("complete_mask"),
            passed_mask=bindparam("passed_mask"),
            score_total=bindparam("score_total"),
            tried=bindparam("tried"),
            last_activity_at=bindparam("last"),
        )
        .execution_options(synchronize_session=False)
    )
    rows = [{**values, "person": person} for person, values in sums.items()]
    db.session.connection().execute(statement, rows)


def summarise_person(user_id: int) -> None:
    """Sum the learner's module summaries into their person summary, held before."""
    course = _course()
    sums = _sums_of([user_id], course).get(user_id, _NOTHING_DONE)
    _write_sums({user_id: sums}, course_key(course))


def _without_summary(key: str) -> ColumnElement[bool]:
    """A module summary of someone whose person summary is not made for `key`."""
    return ~exists().where(
        PersonSummary.user_id == ModuleSummary.user_id, PersonSummary.course_key == key
    )


def stale_people(course: Course) -> int:
    """How many people with progress have no person summary made for this course."""
    key = course_key(course)
    return (
        db.session.scalar(
            select(func.count(ModuleSummary.user_id.distinct())).where(_without_summary(key))
        )
        or 0
    )


def summarise_stale(course: Course, limit: int = 500) -> int:
    """Make the person summaries of up to `limit` people whose summary is missing or made
    for another course structure (the content has changed), holding each row first;
    how many were made. The caller commits, batch by batch."""
    key = course_key(course)
    people = list(
        db.session.scalars(
            select(ModuleSummary.user_id)
            .where(_without_summary(key))
            .distinct()
            .order_by(ModuleSummary.user_id)
            .limit(limit)
        )
    )
    if not people:
        return 0
    for user_id in people:
        hold_person(user_id)
    sums = _sums_of(people, course)
    _write_sums({person: sums.get(person, _NOTHING_DONE) for person in people}, key)
    return len(people)


def person_sums(people: Select, course: Course) -> Subquery:
    """For `people` (a query of User.id), a row a person with progress: `user_id` and the
    sums of `_SUMS`, read from
    their person summary where it is made for this course's structure, summed from their
    module summaries where it is not (missing, or made before a content change)."""
    key = course_key(course)
    kept = select(
        PersonSummary.user_id,
        PersonSummary.lessons,
        PersonSummary.complete_mask,
        PersonSummary.score_total,
        PersonSummary.passed_mask,
        PersonSummary.tried,
        PersonSummary.last_activity_at.label("last"),
    ).where(PersonSummary.course_key == key, PersonSummary.user_id.in_(people))
    not_kept = people.where(
        ~exists().where(PersonSummary.user_id == User.id, PersonSummary.course_key == key)
    )
    return kept.union_all(summed_modules(not_kept, course, lessons_gone(course))).subquery()
