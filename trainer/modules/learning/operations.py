"""Recording progress. Functions flush; the view commits once."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.courses import Course, Lesson, catalogue
from trainer.modules.learning.case_path import case_path
from trainer.modules.learning.models import (
    CaseChoice,
    CourseCompletion,
    LessonProgress,
    ModuleSummary,
)
from trainer.modules.learning.progress import (
    course_progress,
    lesson_is_done,
    passed_attempts,
    unread_lessons,
)
from trainer.modules.learning.signals import (
    case_choice_made,
    course_completed,
    lesson_read,
    module_completed,
)
from trainer.modules.learning.summary import (
    count_attempt,
    count_lesson,
    hold_person,
    summarise_person,
)
from trainer.modules.quizzes.models import QuizAttempt


def mark_lesson_done(user_id: int, module_id: str, lesson_id: str) -> None:
    """Record the lesson as read; reading it again (or a double click) changes nothing."""
    if lesson_is_done(user_id, module_id, lesson_id):
        return
    at = utcnow()
    try:
        with db.session.begin_nested():
            db.session.add(
                LessonProgress(
                    user_id=user_id, module_id=module_id, lesson_id=lesson_id, done_at=at
                )
            )
    except IntegrityError:
        return  # a concurrent request recorded it first
    count_lesson(user_id, module_id, lesson_id, at)
    lesson_read.send(user_id, module_id=module_id, lesson_id=lesson_id, at=at)
    if passed_attempts(user_id, module_id):  # the quiz was passed first: is this the last?
        _announce_if_module_done(user_id, module_id, at)


def announce_first_pass(user_id: int, module_id: str, at: datetime) -> None:
    """A quiz passed: the module is newly done if this is its first pass and every
    lesson was read before."""
    if passed_attempts(user_id, module_id) == 1:
        _announce_if_module_done(user_id, module_id, at)


def _announce_if_module_done(user_id: int, module_id: str, at: datetime) -> None:
    courses = catalogue()
    module = courses.module(courses.languages[0], module_id)
    if module is not None and not unread_lessons(user_id, module):
        module_completed.send(user_id, module_id=module_id, at=at)


def restart_progress(
    user_id: int, carried: list[tuple[str, str]], passes: Sequence[QuizAttempt] = ()
) -> None:
    """A new training cycle has begun: its summaries start again, from the lessons
    carried over from the last cycle (read again in this one, as of now) and the quiz
    passes carried over (copied into it, answers left with the original). Earlier
    cycles' lessons and attempts stay as they are."""
    hold_person(user_id)  # before the module summaries, as every change of them
    db.session.execute(delete(ModuleSummary).where(ModuleSummary.user_id == user_id))
    for module_id, lesson_id in carried:
        mark_lesson_done(user_id, module_id, lesson_id)
    for passed in passes:
        copy = QuizAttempt(
            user_id=user_id,
            module_id=passed.module_id,
            content_version=passed.content_version,
            language=passed.language,
            drawn=passed.drawn,
            pass_mark=passed.pass_mark,
            score=passed.score,
            is_passed=passed.is_passed,
            started_at=passed.started_at,
            submitted_at=passed.submitted_at,
        )
        db.session.add(copy)
        db.session.flush()
        count_attempt(copy)
    summarise_person(user_id)  # summed again even when nothing was carried over


def complete_course_if_done(user_id: int, course: Course) -> bool:
    """Record the completion and announce it, once, when every module is done."""
    progress = course_progress(user_id, course)
    if progress.is_completed or not progress.is_done:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(CourseCompletion(user_id=user_id))
    except IntegrityError:
        return False  # a concurrent request completed it first
    course_completed.send(user_id, course=course)
    return True


def choose_in_case(
    user_id: int, module_id: str, lesson: Lesson, step_id: str, number: int, *, again: bool
) -> bool:
    """Record a choice at the step the learner has reached, or, `again`, at the first
    step in a new run. Reaching an ending marks the case read. A stale form (a step
    already passed, a choice the step does not have) records nothing: False."""
    assert lesson.case is not None
    path = case_path(user_id, module_id, lesson.id, lesson.case)
    step = lesson.case.step(step_id)
    choice = step.choice(number) if step else None
    if step is None or choice is None:
        return False
    if step.id == path.current.id and not path.is_finished:
        run = max(path.run, 1)
    elif again and step.id == lesson.case.start.id:
        run = path.run + 1
    else:
        return False
    at = utcnow()
    try:
        with db.session.begin_nested():
            db.session.add(
                CaseChoice(
                    user_id=user_id,
                    module_id=module_id,
                    case_id=lesson.id,
                    run=run,
                    step_id=step.id,
                    choice=choice.number,
                    chosen_at=at,
                )
            )
    except IntegrityError:
        return False  # the same form sent twice
    case_choice_made.send(
        user_id,
        module_id=module_id,
        case_id=lesson.id,
        run=run,
        step_id=step.id,
        choice=choice.number,
        at=at,
    )
    target = lesson.case.step(choice.target)
    if target is not None and target.is_ending:
        mark_lesson_done(user_id, module_id, lesson.id)
    return True
