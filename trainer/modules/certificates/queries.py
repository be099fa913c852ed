"""The certificates a viewer may see (by the rules of accounts.access), and the reads the
views share."""

from flask import abort
from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import aliased

from trainer.extensions import db
from trainer.modules.accounts.access import (
    may_manage_things_of,
    may_see_things_of,
    reached_people,
)
from trainer.modules.accounts.models import User
from trainer.modules.certificates.codes import normalise_code
from trainer.modules.certificates.models import Certificate
from trainer.modules.learning.models import CourseCompletion


def viewable_certificate_or_404(certificate_id: int, viewer: User) -> Certificate:
    """The certificate if it is the viewer's own or they reach its holder; 404 otherwise."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None or not may_see_things_of(viewer, certificate.user_id):
        abort(404)
    return certificate


def managed_certificate_or_404(certificate_id: int, viewer: User) -> Certificate:
    """The certificate if the viewer reaches its holder; 404 otherwise, even for its holder."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None or not may_manage_things_of(viewer, certificate.user_id):
        abort(404)
    return certificate


def held_in(centre_id: int, viewer: User) -> ColumnElement[bool]:
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


def completion_certificate(user_id: int) -> Certificate | None:
    """The certificate of the user's latest completion of the course (its latest
    edition); None before it."""
    return db.session.scalar(
        select(Certificate)
        .join(CourseCompletion, Certificate.completion_id == CourseCompletion.id)
        .where(CourseCompletion.user_id == user_id)
        .order_by(CourseCompletion.cycle.desc(), Certificate.edition.desc())
        .limit(1)
    )


def is_latest_edition() -> ColumnElement[bool]:
    """The certificate is its completion's latest edition: no later one supersedes it."""
    later = aliased(Certificate)
    return ~exists().where(
        later.completion_id == Certificate.completion_id, later.edition > Certificate.edition
    )


def next_edition_of(certificate: Certificate) -> Certificate | None:
    """The edition that superseded the certificate, if a retake brought one."""
    return db.session.scalar(
        select(Certificate).where(
            Certificate.completion_id == certificate.completion_id,
            Certificate.edition == certificate.edition + 1,
        )
    )


def centre_certificates(centre_id: int, viewer: User) -> list[Certificate]:
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
