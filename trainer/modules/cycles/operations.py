"""Opening training cycles. Functions flush; the caller commits once."""

from sqlalchemy import and_, select, update

from trainer.core.database import changed_rows
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.certificates.models import Certificate
from trainer.modules.courses import Course
from trainer.modules.cycles.models import RENEWAL, TrainingCycle
from trainer.modules.cycles.status import renewal_window
from trainer.modules.learning.models import CourseCompletion, LessonProgress
from trainer.modules.learning.operations import restart_progress


def lessons_to_carry(user_id: int, cycle: int, covered: dict[str, str], course: Course):
    """The lessons read in `cycle` that a renewing learner need not read again: those of
    modules whose content is still the version that cycle covered."""
    unchanged = {m.id: {x.id for x in m.lessons} for m in course.modules}
    unchanged = {m: ids for m, ids in unchanged.items() if covered.get(m) == _version(course, m)}
    read = db.session.execute(
        select(LessonProgress.module_id, LessonProgress.lesson_id)
        .where(LessonProgress.user_id == user_id, LessonProgress.cycle == cycle)
        .order_by(LessonProgress.id)
    )
    return [(m, lesson) for m, lesson in read if lesson in unchanged.get(m, ())]


def _version(course: Course, module_id: str) -> str:
    return next(m.version for m in course.modules if m.id == module_id)


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
    carried = lessons_to_carry(user.id, number - 1, certificate.snapshot["versions"], course)
    restart_progress(user.id, carried)
    return cycle


def certificates_due_renewal() -> list[tuple[User, Certificate]]:
    """Active people whose certificate of their current cycle enters its renewal window."""
    query = (
        select(User, Certificate)
        .join(
            CourseCompletion,
            and_(CourseCompletion.user_id == User.id, CourseCompletion.cycle == User.cycle),
        )
        .join(Certificate, Certificate.completion_id == CourseCompletion.id)
        .where(
            User.is_active_account.is_(True),
            Certificate.revoked_at.is_(None),
            Certificate.expires_at <= utcnow() + renewal_window(),
        )
        .order_by(User.id)
    )
    return [(user, certificate) for user, certificate in db.session.execute(query)]
