"""Who may see and do what: the role groups, and which centres and people a viewer reaches.

Every "may this viewer see or do this" rule lives here, for views (`role_required(*MANAGERS)`
and the object checks below) and templates (the `may_*` functions are template globals).

What a manager may see and do with a person (their page, their deadline, their
invitation, their certificates, the centre's list and ZIP of certificates) follows one
rule, `reaches`: their own centres' learners, as they are now; an admin reaches everyone.
What is out of reach answers 404, so a manager cannot even learn that it exists.
"""

from flask import abort
from sqlalchemy import ColumnElement, false, select, true

from trainer.extensions import db
from trainer.modules.accounts.models import ADMIN, LEARNER, MANAGER, TRAINER, Centre, User

TRAINERS = (TRAINER, ADMIN)  # write the course: preview, checks, question statistics
MANAGERS = (MANAGER, ADMIN)  # follow their centres' people: dashboard, certificates, invitations
ADMINS = (ADMIN,)  # run the installation: centres, accounts, roles, e-mail, personal data


def may_author(viewer: User) -> bool:
    return viewer.role in TRAINERS


def may_manage_centres(viewer: User) -> bool:
    return viewer.role in MANAGERS


def may_administer(viewer: User) -> bool:
    return viewer.role in ADMINS


def centres_of(viewer: User) -> list[Centre]:
    """The centres the viewer manages, by name; every centre for an admin."""
    if viewer.role == ADMIN:
        return list(db.session.scalars(select(Centre).order_by(Centre.name)))
    if viewer.role == MANAGER:
        return list(viewer.managed_centres)
    return []


def administrators() -> list[User]:
    """Who can give a manager their centres: the active admins, to be asked by name."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.role == ADMIN, User.is_active_account.is_(True))
            .order_by(User.name)
        )
    )


def sees_every_centre(viewer: User) -> bool:
    """Whether the viewer reaches people in no centre or any centre, not only listed ones."""
    return viewer.role == ADMIN


def centre_or_404(centre_id: int, viewer: User) -> Centre:
    centre = next((c for c in centres_of(viewer) if c.id == centre_id), None)
    if centre is None:
        abort(404)
    return centre


def reaches(viewer: User, person: User) -> bool:
    """Anyone, for an admin; for a manager, a learner whose centre they manage now."""
    if viewer.role == ADMIN:
        return True
    return (
        viewer.role == MANAGER
        and person.role == LEARNER
        and any(centre.id == person.centre_id for centre in viewer.managed_centres)
    )


def reached_people(viewer: User) -> ColumnElement[bool]:
    """`reaches` as a condition on User, for queries that list people or their things."""
    if viewer.role == ADMIN:
        return true()
    if viewer.role != MANAGER:
        return false()
    managed = [centre.id for centre in viewer.managed_centres]
    return (User.role == LEARNER) & User.centre_id.in_(managed)


def person_or_404(user_id: int, viewer: User) -> User:
    person = db.session.get(User, user_id)
    if person is None or not reaches(viewer, person):
        abort(404)
    return person


def may_manage_things_of(viewer: User, owner_id: int) -> bool:
    """Whether the viewer may act on what belongs to a person (download or revoke their
    certificate): exactly when they reach the person, as on the person's page."""
    owner = db.session.get(User, owner_id)
    return owner is not None and reaches(viewer, owner)


def may_see_things_of(viewer: User, owner_id: int) -> bool:
    """Their own things, and those of the people they reach."""
    return owner_id == viewer.id or may_manage_things_of(viewer, owner_id)
