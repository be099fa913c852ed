"""Who may see which certificates, and the reads the views share."""

from flask import abort
from sqlalchemy import ColumnElement, select

from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User
from trainer.modules.accounts.scoping import centre_or_404, centres_of, reached_people, reaches
from trainer.modules.accounts.signed_in import Viewer
from trainer.modules.certificates.codes import normalise_code
from trainer.modules.certificates.models import Certificate


def may_manage(viewer: Viewer, certificate: Certificate) -> bool:
    """Whether the viewer may download or revoke another person's certificate: exactly
    when they reach its holder (accounts.scoping, the rule of the person's page too)."""
    holder = db.session.get(User, certificate.user_id)
    return holder is not None and reaches(viewer, holder)


def viewable_certificate_or_404(certificate_id: int, viewer: Viewer) -> Certificate:
    """The certificate if it is the viewer's own or they manage it; 404 otherwise."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None:
        abort(404)
    if certificate.user_id != viewer.id and not may_manage(viewer, certificate):
        abort(404)
    return certificate


def managed_certificate_or_404(certificate_id: int, viewer: Viewer) -> Certificate:
    """The certificate if the viewer manages it; 404 otherwise, even for its holder."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None or not may_manage(viewer, certificate):
        abort(404)
    return certificate


def managed_centre_or_404(centre_id: int, viewer: Viewer) -> Centre:
    return centre_or_404(centre_id, viewer)


def managed_centres(viewer: Viewer) -> list[Centre]:
    return centres_of(viewer)


def held_in(centre_id: int, viewer: Viewer) -> ColumnElement[bool]:
    """Certificates of the people now in the centre whom the viewer reaches."""
    holders = select(User.id).where(User.centre_id == centre_id, reached_people(viewer))
    return Certificate.user_id.in_(holders)


def own_certificates(user_id: int) -> list[Certificate]:
    return list(
        db.session.scalars(
            select(Certificate)
            .where(Certificate.user_id == user_id)
            .order_by(Certificate.issued_at.desc())
        )
    )


def centre_certificates(centre_id: int, viewer: Viewer) -> list[Certificate]:
    return list(
        db.session.scalars(
            select(Certificate)
            .where(held_in(centre_id, viewer))
            .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        )
    )


def certificate_by_code(typed: str) -> Certificate | None:
    code = normalise_code(typed)
    if code is None:
        return None
    return db.session.scalar(select(Certificate).where(Certificate.code == code))
