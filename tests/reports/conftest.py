"""A centre whose answers are known, progress recorded as the app records it, and a mailbox."""

from collections.abc import Iterator
from datetime import timedelta

import pytest

from tests.conftest import PASSWORD
from tests.reports.mailbox import Mailbox
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.invitations import Purpose, issue
from trainer.modules.accounts.models import User
from trainer.modules.accounts.operations import create_user
from trainer.modules.certificates.models import Certificate
from trainer.modules.certificates.operations import issue_certificate
from trainer.modules.courses import catalogue
from trainer.modules.learning.models import CourseCompletion
from trainer.modules.learning.operations import mark_lesson_done
from trainer.modules.learning.summary import count_attempt
from trainer.modules.quizzes.models import QuizAttempt
from trainer.modules.reports.models import CentreDeadline, PersonDeadline
from trainer.modules.reports.progress import local_today


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


@pytest.fixture
def staff(users, centres) -> dict[str, User]:
    """Centre A: 7 learners (2 completed, 2 in progress, 3 not started, 1 overdue, 1
    certificate expiring within 60 days); centre B: 2 learners and their own manager."""
    a, b = centres["a"], centres["b"]
    made = {"learner": users["learner"]}
    made["dora"] = person("Dora Done", a)
    finish(made["dora"])
    made["hugo"] = person("Hugo Half", a)
    read(made["hugo"], "recognising", "definition", "indicators")
    sit_quiz(made["hugo"], "recognising", 85.0)
    read(made["hugo"], "helping", "first-contact")
    made["fay"] = person("Fay Failed", a)
    read(made["fay"], "recognising", "definition")
    sit_quiz(made["fay"], "recognising", 50.0)
    made["liam"] = person("Liam Late", a)
    db.session.add(PersonDeadline(user_id=made["liam"].id, due_on=local_today() - timedelta(1)))
    made["ivy"] = person("Ivy Invited", a, password=False)
    issue(made["ivy"], Purpose.INVITATION)
    made["eve"] = person("Eve Expiring", a)
    finish(made["eve"], (100.0, 75.0)).expires_at = utcnow() + timedelta(days=30)
    db.session.add(CentreDeadline(centre_id=a.id, due_on=local_today() + timedelta(10)))
    made["bob"] = person("Bob Bcentre", b)
    finish(made["bob"])
    made["bea"] = person("Bea Bcentre", b)
    read(made["bea"], "recognising", "definition")
    made["manager_b"] = create_user(
        email="manager_b@example.org",
        name="Manager Of B",
        role="manager",
        locale="en",
        centre=b,
        password=PASSWORD,
    )
    made["manager_b"].managed_centres = [b]
    db.session.commit()
    return made


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with Mailbox() as box:
        yield box
