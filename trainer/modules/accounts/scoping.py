"""Which centres and people a manager reaches: their own centres' learners; an admin, all.

This is the one rule for what a manager may see and do with a person: their page,
their deadline, their invitation, their certificates (download and revoke), the
centre's list and ZIP of certificates. Every view that shows or changes another person
goes through here, and answers 404 for what is out of reach, so a manager cannot even
learn that it exists.
"""

from flask import abort
from sqlalchemy import ColumnElement, false, select, true

from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User
from trainer.modules.accounts.signed_in import Viewer

MANAGING_ROLES = ("manager", "admin")


def centres_of(viewer: Viewer) -> list[Centre]:
    """The centres the viewer manages, by name; every centre for an admin."""
    if viewer.role == "admin":
        return list(db.session.scalars(select(Centre).order_by(Centre.name)))
    if viewer.role == "manager":
        return list(viewer.managed_centres)
    return []


def centre_or_404(centre_id: int, viewer: Viewer) -> Centre:
    centre = next((c for c in centres_of(viewer) if c.id == centre_id), None)
    if centre is None:
        abort(404)
    return centre


def reaches(viewer: Viewer, person: User) -> bool:
    """Anyone, for an admin; for a manager, a learner whose centre they manage now."""
    if viewer.role == "admin":
        return True
    return (
        viewer.role == "manager"
        and person.role == "learner"
        and any(centre.id == person.centre_id for centre in viewer.managed_centres)
    )


def reached_people(viewer: Viewer) -> ColumnElement[bool]:
    """`reaches` as a condition on User, for queries that list people or their things."""
    if viewer.role == "admin":
        return true()
    if viewer.role != "manager":
        return false()
    managed = [centre.id for centre in viewer.managed_centres]
    return (User.role == "learner") & User.centre_id.in_(managed)


def person_or_404(user_id: int, viewer: Viewer) -> User:
    person = db.session.get(User, user_id)
    if person is None or not reaches(viewer, person):
        abort(404)
    return person
