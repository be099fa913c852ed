"""Opening training cycles. Functions flush; the caller commits once."""

from sqlalchemy import select, update

from trainer.core.database import changed_rows
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.certificates.models import Certificate
from trainer.modules.courses import Course
from trainer.modules.cycles.models import RENEWAL, TrainingCycle
from trainer.modules.cycles.queries import current_certificates
from trainer.modules.cycles.status import renewal_window
from trainer.modules.learning.models import LessonProgress
from trainer.modules.learning.operations import restart_progress
from trainer.modules.quizzes.models import QuizAttempt


def _unchanged(covered: dict[str, str], course: Course) -> dict[str, set[str]]:
    """The modules whose content is still the version a cycle covered, and their lessons."""
    return {
        m.id: {x.id for x in m.lessons} for m in course.modules if covered.get(m.id) == m.version
    }


def lessons_to_carry(user_id: int, cycle: int, covered: dict[str, str], course: Course):
    """The lessons read in `cycle` that a renewing learner need not read again: those of
    modules whose content is still the version that cycle covered."""
    unchanged = _unchanged(covered, course)
    read = db.session.execute(
        select(LessonProgress.module_id, LessonProgress.lesson_id)
        .where(LessonProgress.user_id == user_id, LessonProgress.cycle == cycle)
        .order_by(LessonProgress.id)
    )
    return [(m, lesson) for m, lesson in read if lesson in unchanged.get(m, ())]


def passes_to_carry(
    user_id: int, cycle: int, covered: dict[str, str], course: Course
) -> list[QuizAttempt]:
    """With a refresher path, the quiz passes of `cycle` on the modules it leaves out
    (and whose content has not changed since): they count in the new cycle too."""
    if course.refresher is None:
        return []
    kept = [m for m in _unchanged(covered, course) if m not in course.refresher]
    passes = db.session.scalars(
        select(QuizAttempt)
        .where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.cycle == cycle,
            QuizAttempt.module_id.in_(kept),
            QuizAttempt.is_passed.is_(True),
        )
        .order_by(QuizAttempt.score.desc(), QuizAttempt.id)
    )
    best: dict[str, QuizAttempt] = {}
    for attempt in passes:
        if attempt.content_version == covered.get(attempt.module_id):
            best.setdefault(attempt.module_id, attempt)
    return list(best.values())


def open_renewal(user: User, certificate: Certificate, course: Course) -> TrainingCycle | None:
    """Start the holder's next cycle to renew `certificate`; None if another request or
    run started it first. The certificate stays valid until its date."""
    number = user.cycle + 1
    claimed = changed_rows(
        update(User)
        .where(User.id == user.id, User.cycle == user.cycle)
        .values(cycle=number)
        .execution_options(synchronize_session=False)
    )
    if not claimed:
        return None
    db.session.refresh(user)
    cycle = TrainingCycle(
        user_id=user.id, number=number, reason=RENEWAL, renews_certificate_id=certificate.id
    )
    db.session.add(cycle)
    db.session.flush()
    covered = certificate.snapshot["versions"]
    restart_progress(
        user.id,
        lessons_to_carry(user.id, number - 1, covered, course),
        passes_to_carry(user.id, number - 1, covered, course),
    )
    return cycle


def certificates_due_renewal() -> list[tuple[User, Certificate]]:
    """Active people whose certificate of their current cycle enters its renewal window."""
    return current_certificates(Certificate.expires_at <= utcnow() + renewal_window())
