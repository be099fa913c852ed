"""Everyone's progress at once, in a fixed number of queries whatever the number of people.

The same rules as one learner's page (learning.progress): a module is done when every
lesson of its current content is read and its quiz passed; the course is completed when
the learner has a completion. One query returns a row a person, read from the person
summaries learning keeps (learning.summary.person_sums), not from every lesson and
attempt: lessons read, and for quizzes the best scores; which modules are complete
travels as a bit mask (bit i for the course's i-th module), so the per-module chart
needs no second pass.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Row, Select, and_, func, select

from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User
from trainer.modules.certificates.models import Certificate
from trainer.modules.certificates.models import Status as CertificateStatus
from trainer.modules.courses import Course
from trainer.modules.cycles.queries import latest_certificates, open_retakes
from trainer.modules.cycles.status import CycleStatus, cycle_status, renewal_window
from trainer.modules.learning.models import (
    CourseCompletion,
    ModuleSummary,
)
from trainer.modules.learning.progress import Status
from trainer.modules.learning.summary import person_sums
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


def _people_query(scope: Scope, course: Course) -> Select:
    summed = person_sums(scope.people(), course)
    latest = latest_certificates(scope.people())
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


@dataclass(frozen=True)
class _Measures:
    """What every person's row is measured against, read once for all of them."""

    steps: int  # lessons and quizzes in the course
    today: date
    now: datetime
    window: timedelta  # the renewal window
    retakes: dict[int, tuple[str, ...]]  # the modules each person must retake


def _person(record: Row, measures: _Measures) -> PersonRow:
    """A person's row from the query's columns, unpacked in the query's order: ten
    thousand of these are made for each page of the dashboard."""
    (
        user_id, name, email, centre_id, centre_name, has_password, due_on,
        lessons, complete_mask, score_total, passed_mask, tried, last, completed,
        certificate_id, code, language, expires_at, revoked_at, certificate_centre_id,
    ) = record  # fmt: skip
    passed_mask = passed_mask or 0
    if completed:
        status, percent = Status.COMPLETED, 100
    else:
        status = Status.IN_PROGRESS if lessons or tried else Status.NOT_STARTED
        percent = round(100 * ((lessons or 0) + passed_mask.bit_count()) / measures.steps)
    done_mask = (complete_mask or 0) & passed_mask
    owed = measures.retakes.get(user_id, ())
    certificate = None
    cycle = CycleStatus.NOT_CERTIFIED
    if certificate_id is not None:
        certificate = CertificateInfo(
            certificate_id,
            code,
            language,
            expires_at,
            Certificate.status_of(revoked_at, expires_at, measures.now),
            certificate_centre_id,
        )
        cycle = cycle_status(expires_at, revoked_at, len(owed), measures.now, measures.window)
    return PersonRow(
        user_id,
        name,
        email,
        centre_id,
        centre_name,
        bool(has_password),
        due_on,
        status,
        status is not Status.COMPLETED and due_on is not None and due_on < measures.today,
        percent,
        done_mask.bit_count(),
        done_mask,
        float(score_total or 0),
        last,
        certificate,
        cycle,
        owed,
    )


def people_progress(scope: Scope, course: Course, today: date) -> list[PersonRow]:
    """One row a person in scope, in three queries (lessons the course no longer has,
    the people, the retakes they owe)."""
    # Core, not the ORM's result machinery: plain rows are all this needs, and faster.
    records = db.session.connection().execute(_people_query(scope, course)).all()
    measures = _Measures(
        steps=sum(len(module.lessons) + 1 for module in course.modules) or 1,
        today=today,
        now=utcnow(),
        window=renewal_window(),
        retakes=open_retakes(scope.people()),
    )
    return [_person(record, measures) for record in records]


def module_completions(rows: list[PersonRow], course: Course) -> dict[str, int]:
    """How many of these people have done each module; no query. People share few
    masks (modules are mostly done in order), so each distinct mask is read once."""
    masks = Counter(row.done_mask for row in rows)
    return {
        module.id: sum(count for mask, count in masks.items() if mask >> i & 1)
        for i, module in enumerate(course.modules)
    }


def best_scores(people: list[int] | Select, course: Course) -> dict[int, dict[str, float]]:
    """Each person's best score in each module's quiz they have taken."""
    # Core, not the ORM's result machinery, as in people_progress.
    records = db.session.connection().execute(
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
