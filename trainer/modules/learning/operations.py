"""Recording progress. Functions flush; the view commits once."""

from sqlalchemy.exc import IntegrityError

from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.courses import Course
from trainer.modules.learning.models import CourseCompletion, LessonProgress
from trainer.modules.learning.progress import course_progress, lesson_is_done
from trainer.modules.learning.signals import course_completed
from trainer.modules.learning.summary import count_lesson


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
