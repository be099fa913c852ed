"""Who may see which certificates, and the reads the views share."""

from flask import abort
from sqlalchemy import select

from trainer.extensions import db
from trainer.modules.accounts.models import Centre
from trainer.modules.accounts.signed_in import Viewer
from trainer.modules.certificates.codes import normalise_code
from trainer.modules.certificates.models import Certificate


def may_manage(user: Viewer, centre_id: int | None) -> bool:
    """Admins manage every centre's certificates; a manager those of their own centres."""
    if user.role == "admin":
        return True
    if user.role != "manager" or centre_id is None:
        return False
    return any(centre.id == centre_id for centre in user.managed_centres)


def viewable_certificate_or_404(certificate_id: int, user: Viewer) -> Certificate:
    """The certificate if it is the user's own or they manage it; 404 otherwise."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None:
        abort(404)
    if certificate.user_id != user.id and not may_manage(user, certificate.centre_id):
        abort(404)
    return certificate


def managed_certificate_or_404(certificate_id: int, user: Viewer) -> Certificate:
    """The certificate if the user manages it; 404 otherwise, even for its holder."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None or not may_manage(user, certificate.centre_id):
        abort(404)
    return certificate


def managed_centre_or_404(centre_id: int, user: Viewer) -> Centre:
    centre = db.session.get(Centre, centre_id)
    if centre is None or not may_manage(user, centre.id):
        abort(404)
    return centre


def managed_centres(user: Viewer) -> list[Centre]:
    if user.role == "admin":
        return list(db.session.scalars(select(Centre).order_by(Centre.name)))
    return list(user.managed_centres)


def own_certificates(user_id: int) -> list[Certificate]:
    return list(
        db.session.scalars(
            select(Certificate)
            .where(Certificate.user_id == user_id)
            .order_by(Certificate.issued_at.desc())
        )
    )


def centre_certificates(centre_id: int) -> list[Certificate]:
    return list(
        db.session.scalars(
            select(Certificate)
            .where(Certificate.centre_id == centre_id)
            .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        )
    )


def certificate_by_code(typed: str) -> Certificate | None:
    code = normalise_code(typed)
    if code is None:
        return None
    return db.session.scalar(select(Certificate).where(Certificate.code == code))
