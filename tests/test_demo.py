"""`trainer demo` gives the first demo centre a living dashboard, and runs again harmlessly."""

from collections import Counter

from sqlalchemy import func, select

from trainer.demo import CENTRES, STAFF
from trainer.extensions import db
from trainer.modules.accounts.models import AccountToken, Centre, User
from trainer.modules.certificates.models import Certificate, CertificateDocument
from trainer.modules.courses import current_course
from trainer.modules.learning.models import LessonProgress
from trainer.modules.quizzes.models import QuizAttempt
from trainer.modules.reports.models import CentreDeadline, PersonDeadline
from trainer.modules.reports.progress import Scope, Status, local_today, people_progress

TABLES = (User, LessonProgress, QuizAttempt, Certificate, AccountToken, PersonDeadline)


def counts() -> tuple[int, ...]:
    return tuple(db.session.scalar(select(func.count()).select_from(t)) for t in TABLES)


def test_demo_staff_have_a_realistic_spread_and_real_certificates(app, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert f"{len(STAFF)} demo staff added" in result.output
    centre = db.session.scalar(select(Centre).where(Centre.name == CENTRES[0]))
    rows = people_progress(Scope((centre.id,)), current_course(), local_today())
    staff = [row for row in rows if row.email != "learner@example.org"]
    assert len(staff) == 24
    assert all(row.email.endswith("@example.org") for row in staff)
    assert Counter(row.status for row in staff) == {
        Status.COMPLETED: 7,
        Status.IN_PROGRESS: 11,
        Status.NOT_STARTED: 6,
    }
    assert sum(row.is_overdue for row in staff) == 4
    assert sum(not row.has_password for row in staff) == 3
    completed = [row for row in staff if row.status is Status.COMPLETED]
    assert all(row.certificate and row.certificate.status == "valid" for row in completed)
    assert db.session.scalar(select(func.count()).select_from(CertificateDocument)) == 7
    assert db.session.get(CentreDeadline, centre.id).due_on > local_today()


def test_demo_is_idempotent(app, runner):
    runner.invoke(args=["demo"])
    before = counts()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "0 demo staff added" in result.output
    assert counts() == before
