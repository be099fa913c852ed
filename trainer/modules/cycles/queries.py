"""Reads about cycles that pages, the digest and reports share; a fixed number of
queries whatever the number of people."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select

from trainer.extensions import db
from trainer.modules.certificates.models import Certificate
from trainer.modules.cycles.models import ModuleRetake
from trainer.modules.cycles.status import CycleStatus, cycle_status


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
    return {
        user_id: PersonCycle(
            cycle_status(expires_at, revoked_at, len(retakes.get(user_id, ())), now),
            expires_at,
            retakes.get(user_id, ()),
        )
        for user_id, expires_at, revoked_at in rows
    }
