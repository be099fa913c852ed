"""Everyone's progress at once, in a fixed number of queries whatever the number of people.

The same rules as one learner's page (learning.progress): a module is done when every
lesson of its current content is read and its quiz passed; the course is completed when
the learner has a completion. One query returns a row a person, read from the module
summaries learning keeps (ModuleSummary), not from every lesson and attempt: lessons
read, and for quizzes the best scores; which modules are complete travels as a bit mask
(bit i for the course's i-th module), so the per-module chart needs no second pass.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Row, Select, and_, case, false, func, or_, select, tuple_
from sqlalchemy.sql.selectable import Subquery

from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User
from trainer.modules.certificates.models import Certificate
from trainer.modules.certificates.models import Status as CertificateStatus
from trainer.modules.courses import Course
from trainer.modules.cycles.queries import open_retakes
from trainer.modules.cycles.status import CycleStatus, cycle_status
from trainer.modules.learning.models import (
    CourseCompletion,
    LessonProgress,
    ModuleSummary,
    RecordedLesson,
)
from trainer.modules.learning.progress import Status
from trainer.modules.reports.models import CentreDeadline, PersonDeadline


def local_today() -> date:
    """Today where the centres are: a deadline passes at local midnight."""
    return utcnow().astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


@dataclass(frozen=True)
class Scope:
    """Whose progress: the learners of these centres, or (None) every learner."""

    centre_ids: tuple[int, ...] | None

    def people(self) -> Select:
        query = select(User.id).where(User.role == "learner", User.is_active_account.is_(True))
        if self.centre_ids is not None:
            query = query.where(User.centre_id.in_(self.centre_ids))
        return query


class CertificateInfo(NamedTuple):
    id: int
    code: str
    language: str
    expires_at: datetime
    status: CertificateStatus
    centre_id: int | None


class PersonRow(NamedTuple):
    """A person's line of the dashboard. A tuple: ten thousand of them are made at once."""

    id: int
    name: str
    email: str
    centre_id: int | None
    centre_name: str | None
    has_password: bool
    due_on: date | None
    status: Status
    is_overdue: bool
    percent: int
    modules_done: int
    done_mask: int
    score_total: float
    last_activity: datetime | None
    certificate: CertificateInfo | None
    cycle: CycleStatus  # where the person stands in recertification
    retakes: tuple[str, ...]  # ids of the modules they must retake


def _is_current_lesson(course: Course, module_id, lesson_id):
    return or_(
        false(),
        *(
            and_(module_id == module.id, lesson_id.in_([lesson.id for lesson in module.lessons]))
            for module in course.modules
        ),
    )


def _bit(column, course: Course):
    return case(
        {module.id: 1 << i for i, module in enumerate(course.modules)}, value=column, else_=0
    )


def _lessons_gone(course: Course) -> Subquery:
    """Per person and module: lessons read that the course no longer has, so that content
    changes do not inflate progress. Looked up in the index on (module, lesson) from the
    few lessons ever recorded, not by reading everyone's progress: usually none is found."""
    gone = select(RecordedLesson.module_id, RecordedLesson.lesson_id).where(
        ~_is_current_lesson(course, RecordedLesson.module_id, RecordedLesson.lesson_id)
    )
    return (
        select(LessonProgress.user_id, LessonProgress.module_id, func.count().label("lessons"))
        .join(User, and_(User.id == LessonProgress.user_id, User.cycle == LessonProgress.cycle))
        .where(tuple_(LessonProgress.module_id, LessonProgress.lesson_id).in_(gone))
        .group_by(LessonProgress.user_id, LessonProgress.module_id)
        .subquery()
    )


def _modules_summed(scope: Scope, course: Course) -> Subquery:
    """Per person, from the module summaries: lessons read, the sum of best scores, the
    modules whose every lesson is read and whose quiz is passed (masks), the last activity."""
    gone = _lessons_gone(course)
    current = ModuleSummary.module_id.in_([module.id for module in course.modules])
    lessons = ModuleSummary.lessons_done - func.coalesce(gone.c.lessons, 0)
    needed = case(
        {module.id: len(module.lessons) for module in course.modules},
        value=ModuleSummary.module_id,
        else_=-1,
    )
    bit = _bit(ModuleSummary.module_id, course)
    return (
        select(
            ModuleSummary.user_id,
            func.sum(case((current, lessons), else_=0)).label("lessons"),
            func.sum(case((lessons == needed, bit), else_=0)).label("complete_mask"),
            func.sum(case((current, ModuleSummary.best_score), else_=0)).label("score_total"),
            func.sum(case((ModuleSummary.quiz_passed.is_(True), bit), else_=0)).label(
                "passed_mask"
            ),
            func.count(ModuleSummary.best_score).label("tried"),
            func.max(ModuleSummary.last_activity_at).label("last"),
        )
        .outerjoin(
            gone,
            and_(
                gone.c.user_id == ModuleSummary.user_id,
                gone.c.module_id == ModuleSummary.module_id,
            ),
        )
        .where(ModuleSummary.user_id.in_(scope.people()))
        .group_by(ModuleSummary.user_id)
        .subquery()
    )


def _people_query(scope: Scope, course: Course) -> Select:
    summed = _modules_summed(scope, course)
    latest = (
        select(Certificate.user_id, func.max(Certificate.id).label("id"))
        .where(Certificate.user_id.in_(scope.people()))
        .group_by(Certificate.user_id)
        .subquery()
    )
    return (
        select(
            User.id,
            User.name,
            User.email,
            User.centre_id,
            Centre.name.label("centre_name"),
            User.password_hash.is_not(None).label("has_password"),
            func.coalesce(PersonDeadline.due_on, CentreDeadline.due_on).label("due_on"),
            summed.c.lessons,
            summed.c.complete_mask,
            summed.c.score_total,
            summed.c.passed_mask,
            summed.c.tried,
            summed.c.last,
            CourseCompletion.id.is_not(None).label("completed"),
            Certificate.id.label("certificate_id"),
            Certificate.code,
            Certificate.language,
            Certificate.expires_at,
            Certificate.revoked_at,
            Certificate.centre_id.label("certificate_centre_id"),
        )
        .select_from(User)
        .outerjoin(Centre, Centre.id == User.centre_id)
        .outerjoin(PersonDeadline, PersonDeadline.user_id == User.id)
        .outerjoin(CentreDeadline, CentreDeadline.centre_id == User.centre_id)
        .outerjoin(summed, summed.c.user_id == User.id)
        .outerjoin(
            CourseCompletion,
            and_(CourseCompletion.user_id == User.id, CourseCompletion.cycle == User.cycle),
        )
        .outerjoin(latest, latest.c.user_id == User.id)
        .outerjoin(Certificate, Certificate.id == latest.c.id)
        .where(User.id.in_(scope.people()))
    )


def _certificate(record: Row, now: datetime) -> CertificateInfo | None:
    if record.certificate_id is None:
        return None
    return CertificateInfo(
        record.certificate_id,
        record.code,
        record.language,
        record.expires_at,
        Certificate.status_of(record.revoked_at, record.expires_at, now),
        record.certificate_centre_id,
    )


def _status(record: Row) -> Status:
    if record.completed:
        return Status.COMPLETED
    if record.lessons or record.tried:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def _cycle(record: Row, retakes: tuple[str, ...], now: datetime) -> CycleStatus:
    if record.certificate_id is None:
        return CycleStatus.NOT_CERTIFIED
    return cycle_status(record.expires_at, record.revoked_at, len(retakes), now)


def _person(
    record: Row, steps: int, today: date, now: datetime, retakes: tuple[str, ...]
) -> PersonRow:
    lessons, passed_mask = record.lessons or 0, record.passed_mask or 0
    done_mask = (record.complete_mask or 0) & passed_mask
    status = _status(record)
    done_steps = lessons + passed_mask.bit_count()
    return PersonRow(
        id=record.id,
        name=record.name,
        email=record.email,
        centre_id=record.centre_id,
        centre_name=record.centre_name,
        has_password=bool(record.has_password),
        due_on=record.due_on,
        status=status,
        is_overdue=(
            status is not Status.COMPLETED and record.due_on is not None and record.due_on < today
        ),
        percent=100 if status is Status.COMPLETED else round(100 * done_steps / steps),
        modules_done=done_mask.bit_count(),
        done_mask=done_mask,
        score_total=float(record.score_total or 0),
        last_activity=record.last,
        certificate=_certificate(record, now),
        cycle=_cycle(record, retakes, now),
        retakes=retakes,
    )


def people_progress(scope: Scope, course: Course, today: date) -> list[PersonRow]:
    """One row a person in scope, in two queries (the second: retakes owed)."""
    steps = sum(len(module.lessons) + 1 for module in course.modules) or 1
    now = utcnow()
    # Core, not the ORM's result machinery: plain rows are all this needs, and faster.
    records = db.session.connection().execute(_people_query(scope, course))
    retakes = open_retakes(scope.people())
    return [_person(r, steps, today, now, retakes.get(r.id, ())) for r in records]


def module_completions(rows: list[PersonRow], course: Course) -> dict[str, int]:
    """How many of these people have done each module; no query."""
    return {
        module.id: sum(1 for row in rows if row.done_mask >> i & 1)
        for i, module in enumerate(course.modules)
    }


def best_scores(people: list[int] | Select, course: Course) -> dict[int, dict[str, float]]:
    """Each person's best score in each module's quiz they have taken."""
    records = db.session.execute(
        select(ModuleSummary.user_id, ModuleSummary.module_id, ModuleSummary.best_score).where(
            ModuleSummary.user_id.in_(people),
            ModuleSummary.module_id.in_([module.id for module in course.modules]),
            ModuleSummary.best_score.is_not(None),
        )
    )
    scores: dict[int, dict[str, float]] = {}
    for user_id, module_id, best in records:
        assert best is not None, "the query leaves out quizzes not taken"
        scores.setdefault(user_id, {})[module_id] = best
    return scores
