"""Progress built for a test: lessons read, quizzes sat, the course finished, staff."""

from tests.helpers.app import PASSWORD
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.accounts.operations import create_user
from trainer.modules.certificates.models import Certificate
from trainer.modules.certificates.operations import issue_certificate
from trainer.modules.courses import catalogue
from trainer.modules.learning.models import CourseCompletion
from trainer.modules.learning.operations import mark_lesson_done
from trainer.modules.learning.summary import count_attempt
from trainer.modules.quizzes.models import QuizAttempt


def read(user: User, module_id: str, *lesson_ids: str) -> None:
    for lesson_id in lesson_ids:
        mark_lesson_done(user.id, module_id, lesson_id)
    db.session.flush()


def sit_quiz(user: User, module_id: str, score: float) -> QuizAttempt:
    module = catalogue().module("en", module_id)
    attempt = QuizAttempt(
        user_id=user.id,
        module_id=module_id,
        content_version=module.version,
        language="en",
        drawn=[],
        pass_mark=module.quiz.pass_mark,
        score=score,
        is_passed=score >= module.quiz.pass_mark,
        submitted_at=utcnow(),
    )
    db.session.add(attempt)
    db.session.flush()
    count_attempt(attempt)
    return attempt


def finish(user: User, scores: tuple[float, ...] = (90.0, 80.0)) -> Certificate:
    """Every lesson read, every quiz passed, the course completed and certified."""
    course = catalogue().course("en")
    for module, score in zip(course.modules, scores, strict=True):
        read(user, module.id, *(lesson.id for lesson in module.lessons))
        sit_quiz(user, module.id, score)
    db.session.add(CourseCompletion(user_id=user.id))
    db.session.flush()
    return issue_certificate(user.id)


def person(name: str, centre, *, password: bool = True, locale: str = "en") -> User:
    email = name.lower().replace(" ", ".") + "@example.org"
    return create_user(
        email=email,
        name=name,
        locale=locale,
        centre=centre,
        password=PASSWORD if password else None,
    )
