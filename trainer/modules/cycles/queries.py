"""Reads about cycles that pages, the digest and reports share; a fixed number of
queries whatever the number of people."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, func, select

from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.certificates.models import Certificate
from trainer.modules.certificates.queries import is_latest_edition
from trainer.modules.cycles.models import ModuleRetake, TrainingCycle
from trainer.modules.cycles.status import CycleStatus, cycle_status, renewal_window
from trainer.modules.learning.models import CaseChoice, CourseCompletion, LessonProgress
from trainer.modules.quizzes.models import QuizAttempt


@dataclass(frozen=True)
class PersonCycle:
    """A person's standing: their latest certificate's dates, and retakes they owe."""

    status: CycleStatus
    expires_at: datetime | None
    retakes: tuple[str, ...]  # module ids, in the order asked


def open_retakes(people: Select | list[int]) -> dict[int, tuple[str, ...]]:
    """Per person, the modules they still have to retake."""
    rows = db.session.execute(
        select(ModuleRetake.user_id, ModuleRetake.module_id)
        .where(ModuleRetake.user_id.in_(people), ModuleRetake.done_at.is_(None))
        .order_by(ModuleRetake.user_id, ModuleRetake.id)
    )
    found: dict[int, list[str]] = {}
    for user_id, module_id in rows:
        found.setdefault(user_id, []).append(module_id)
    return {user_id: tuple(modules) for user_id, modules in found.items()}


def latest_certificates(people: Select | list[int]):
    """A subquery: each person's latest certificate id (user_id, id)."""
    return (
        select(Certificate.user_id, func.max(Certificate.id).label("id"))
        .where(Certificate.user_id.in_(people))
        .group_by(Certificate.user_id)
        .subquery()
    )


def people_cycles(people: Select | list[int], now: datetime) -> dict[int, PersonCycle]:
    """Every person's standing in two queries; those never certified are left out."""
    latest = latest_certificates(people)
    rows = db.session.execute(
        select(Certificate.user_id, Certificate.expires_at, Certificate.revoked_at).join(
            latest, latest.c.id == Certificate.id
        )
    )
    retakes = open_retakes(people)
    window = renewal_window()
    return {
        user_id: PersonCycle(
            cycle_status(expires_at, revoked_at, len(retakes.get(user_id, ())), now, window),
            expires_at,
            retakes.get(user_id, ()),
        )
        for user_id, expires_at, revoked_at in rows
    }


@dataclass(frozen=True)
class CycleRecord:
    """One cycle of a person's training, as the history shows it."""

    number: int
    started_at: datetime
    reason: str  # "first" or "renewal"
    renews: Certificate | None
    completed_at: datetime | None
    certificate: Certificate | None
    superseded: list[Certificate]  # earlier editions, before a retake brought this one
    lessons_read: int
    case_choices: int  # choices made in branching cases
    attempts: list[QuizAttempt]
    retakes: list[ModuleRetake]


def cycle_history(person: User) -> list[CycleRecord]:
    """Every cycle of the person's training, the latest first, in six queries."""
    opened = {
        c.number: c
        for c in db.session.scalars(select(TrainingCycle).where(TrainingCycle.user_id == person.id))
    }
    completions = db.session.execute(
        select(CourseCompletion.cycle, CourseCompletion.completed_at, Certificate)
        .outerjoin(Certificate, Certificate.completion_id == CourseCompletion.id)
        .where(CourseCompletion.user_id == person.id)
        .order_by(CourseCompletion.cycle, Certificate.edition)
    ).all()
    # A cycle's certificate is its latest edition (the last row of the cycle).
    done = {cycle: (at, certificate) for cycle, at, certificate in completions}
    superseded: dict[int, list[Certificate]] = {}
    for cycle, _at, certificate in completions:
        if certificate is not None and certificate is not done[cycle][1]:
            superseded.setdefault(cycle, []).append(certificate)
    lessons = _count_by_cycle(LessonProgress, person.id)
    choices = _count_by_cycle(CaseChoice, person.id)
    attempts: dict[int, list[QuizAttempt]] = {}
    for attempt in db.session.scalars(
        select(QuizAttempt)
        .where(QuizAttempt.user_id == person.id, QuizAttempt.submitted_at.is_not(None))
        .order_by(QuizAttempt.submitted_at)
    ):
        attempts.setdefault(attempt.cycle, []).append(attempt)
    retakes: dict[int, list[ModuleRetake]] = {}
    for retake in db.session.scalars(
        select(ModuleRetake).where(ModuleRetake.user_id == person.id).order_by(ModuleRetake.id)
    ):
        retakes.setdefault(retake.cycle, []).append(retake)
    renewed = {c.renews_certificate_id for c in opened.values()}
    by_id = {c.id: c for _at, c in done.values() if c is not None and c.id in renewed}
    return [
        CycleRecord(
            number=number,
            started_at=opened[number].started_at if number in opened else person.created_at,
            reason=opened[number].reason if number in opened else "first",
            renews=by_id.get(opened[number].renews_certificate_id or 0)
            if number in opened
            else None,
            completed_at=done.get(number, (None, None))[0],
            certificate=done.get(number, (None, None))[1],
            superseded=superseded.get(number, []),
            lessons_read=lessons.get(number, 0),
            case_choices=choices.get(number, 0),
            attempts=attempts.get(number, []),
            retakes=retakes.get(number, []),
        )
        for number in range(person.cycle, 0, -1)
    ]


def _count_by_cycle(model: type[LessonProgress] | type[CaseChoice], user_id: int) -> dict:
    """How many of the person's rows of `model` each cycle has."""
    return dict(
        db.session.execute(
            select(model.cycle, func.count()).where(model.user_id == user_id).group_by(model.cycle)
        ).all()
    )


def current_certificates(*conditions: ColumnElement[bool]) -> list[tuple[User, Certificate]]:
    """Active people with the unrevoked certificate of their current cycle (its latest
    edition), and that certificate, where `conditions` hold; by person."""
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
            is_latest_edition(),
            *conditions,
        )
        .order_by(User.id)
    )
    return [(user, certificate) for user, certificate in db.session.execute(query)]
