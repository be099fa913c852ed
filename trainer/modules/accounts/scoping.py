"""Which centres and people a manager reaches: their own centres' learners; an admin, all.

Every view that shows or changes another person goes through here, and answers 404
for what is out of reach, so a manager cannot even learn that it exists.
"""

from flask import abort
from sqlalchemy import select

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
    """A learner of one of the viewer's centres (any learner, for an admin)."""
    if person.role != "learner":
        return False
    if viewer.role == "admin":
        return True
    return viewer.role == "manager" and any(
        centre.id == person.centre_id for centre in viewer.managed_centres
    )


def person_or_404(user_id: int, viewer: Viewer) -> User:
    person = db.session.get(User, user_id)
    if person is None or not reaches(viewer, person):
        abort(404)
    return person
