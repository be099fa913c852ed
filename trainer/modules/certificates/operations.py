"""Issuing, rendering and revoking certificates. Functions flush; the view commits."""

import calendar
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, Select, delete, exists, select, update
from sqlalchemy.exc import IntegrityError

from trainer.core import audit, jobs
from trainer.core.database import changed_rows
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import User, cycle_of
from trainer.modules.certificates.codes import new_code
from trainer.modules.certificates.credentials import credential_for, issue_credential
from trainer.modules.certificates.models import Certificate, CertificateDocument, Status
from trainer.modules.certificates.rendering import render_certificate
from trainer.modules.certificates.signals import certificate_issued, certificate_revoked
from trainer.modules.courses import Catalogue, catalogue
from trainer.modules.learning.models import CourseCompletion

# Signing the credential and drawing the PDF it is embedded in (pyld and WeasyPrint,
# a quarter to half a second) are the job queue's work, not the request's that
# completes the course: the worker (`trainer mail work`) does both.
RENDER_KIND = "certificate.render"
# How long a certificate's pages say "being prepared" before they offer the download
# anyway: the download renders a missing PDF itself, so with no worker running (a
# development server) the learner waits this long at most, never for ever.
PREPARING = timedelta(seconds=20)


class AlreadyRevoked(Exception):
    """The certificate was revoked before; its first reason stands."""


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later, or the month's last day if it is shorter."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(
        year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])
    )


def take_snapshot(user: User, courses: Catalogue) -> dict[str, Any]:
    """What the certificate prints, in every language of the course, as of now."""
    first = courses.course(courses.languages[0])
    return {
        "holder": user.name,
        "centre": user.centre.name if user.centre else None,
        "versions": {module.id: module.version for module in first.modules},
        "courses": {
            language: {
                "title": course.title,
                "hours": course.hours,
                "statement": course.certificate_text,
                "modules": [module.title for module in course.modules],
            }
            for language, course in courses.courses.items()
        },
    }


def issue_certificate(user_id: int) -> Certificate | None:
    """Issue the certificate of the user's completion of their current training cycle,
    and queue the rendering of its PDF in their language.

    None when there is no completion, or it already has its certificate.
    """
    completion_id = db.session.scalar(
        select(CourseCompletion.id).where(
            CourseCompletion.user_id == user_id, CourseCompletion.cycle == cycle_of(user_id)
        )
    )
    if completion_id is None or _has_certificate(completion_id):
        return None
    issued_at = utcnow()
    expires_at = add_months(issued_at, _validity_months())
    return _issue(db.session.get_one(User, user_id), completion_id, 1, issued_at, expires_at)


def issue_next_edition(certificate: Certificate) -> Certificate | None:
    """Issue the certificate again for the course as it now is, once its holder has
    retaken the modules a course change asked of them: a new certificate of the same
    completion (the next edition), with a code, credential and PDF of its own, that
    covers the current version of the course.

    It keeps the expiry date of the certificate it follows: a retake brings the
    certificate up to date within its cycle; the cycle itself, its renewal window and
    its expiry, is not restarted. The earlier edition is superseded the way a renewed
    certificate is: it stays valid until its own (the same) date, and its credential
    stays valid with it. None if `certificate` is revoked or expired (its renewal
    covers the new version), or another request issued the next edition first.
    """
    if certificate.status() is not Status.VALID:
        return None
    holder = db.session.get_one(User, certificate.user_id)
    return _issue(
        holder,
        certificate.completion_id,
        certificate.edition + 1,
        utcnow(),
        certificate.expires_at,
        follows=certificate.code,
    )


def _issue(
    user: User,
    completion_id: int,
    edition: int,
    issued_at: datetime,
    expires_at: datetime,
    **detail: str,
) -> Certificate | None:
    """Store the certificate of the completion with what it covers as of now, announce
    it, and queue its PDF (with its credential); None if that edition exists."""
    courses = catalogue()
    certificate = Certificate(
        code=new_code(),
        user_id=user.id,
        completion_id=completion_id,
        edition=edition,
        centre_id=user.centre_id,
        language=courses.language_for(user.locale),
        issued_at=issued_at,
        expires_at=expires_at,
        snapshot=take_snapshot(user, courses),
    )
    try:
        with db.session.begin_nested():
            db.session.add(certificate)
    except IntegrityError:
        # A concurrent request issued it first. (Two equal 80-bit codes are not a
        # case to plan for: even a million certificates collide with odds under 1e-12.)
        return None
    issued = {"user": user.id, "code": certificate.code, **detail}
    audit.record(None, "certificate.issued", f"certificate:{certificate.id}", issued)
    certificate_issued.send(certificate)
    queue_rendering(certificate)
    return certificate


def queue_rendering(certificate: Certificate) -> None:
    """The worker signs the credential and draws and stores the PDF in the
    certificate's language once the caller commits. A PDF that fails to draw never
    undoes a completion: the job is retried, and the first download (of the PDF or the
    credential) does the work if it is still undone."""
    payload = {"certificate": certificate.id, "language": certificate.language}
    jobs.enqueue(RENDER_KIND, payload, user_id=certificate.user_id)


@jobs.handler(RENDER_KIND)
def render_queued(job: jobs.Job, _batch: jobs.Batch) -> jobs.JobStatus | None:
    language = job.payload["language"]
    certificate = db.session.get(Certificate, job.payload["certificate"])
    if certificate is None or certificate.revoked_at is not None:
        return jobs.JobStatus.CANCELLED  # deleted with its holder, or revoked meanwhile
    credential_for(certificate)
    # Stored before the drawing: on SQLite the credential's insert takes the write lock,
    # which every learner's "lesson done" waits for, and WeasyPrint takes half a second.
    db.session.commit()
    document_for(certificate, language)
    return None


def being_prepared(certificate: Certificate) -> bool:
    """Whether the PDF in the certificate's language is still with the worker: issued
    a moment ago and not stored yet."""
    recent = utcnow() - certificate.issued_at < PREPARING
    return recent and _stored_document(certificate.id, certificate.language) is None


def document_for(certificate: Certificate, language: str) -> CertificateDocument:
    """The stored PDF in `language`, rendered and stored first if it has none yet."""
    document = _stored_document(certificate.id, language)
    if document is not None:
        return document
    document = CertificateDocument(
        certificate_id=certificate.id,
        language=language,
        pdf=render_certificate(certificate, language, _credential_of(certificate)),
    )
    try:
        with db.session.begin_nested():
            db.session.add(document)
    except IntegrityError:
        # A concurrent request stored the same rendering first.
        return db.session.scalars(_document_query(certificate.id, language)).one()
    return document


def _credential_of(certificate: Certificate) -> bytes | None:
    """The signed credential the PDF carries (issued now if the certificate has none)."""
    credential = credential_for(certificate)
    return credential.document.encode("utf-8") if credential else None


def render_missing_documents(certificates: ColumnElement[bool]) -> None:
    """Render the PDFs those unrevoked certificates lack (normally none)."""
    missing = db.session.scalars(
        select(Certificate).where(
            certificates,
            Certificate.revoked_at.is_(None),
            ~exists().where(
                CertificateDocument.certificate_id == Certificate.id,
                CertificateDocument.language == Certificate.language,
            ),
        )
    )
    for certificate in missing:
        document_for(certificate, certificate.language)


def revoke_certificate(certificate: Certificate, actor_id: int | None, reason: str) -> None:
    """Revoke once, with the reason, and record who did it in the audit log."""
    revoked_at = utcnow()
    # Only one UPDATE can find it unrevoked, however the requests interleave.
    claimed = changed_rows(
        update(Certificate)
        .where(Certificate.id == certificate.id, Certificate.revoked_at.is_(None))
        .values(revoked_at=revoked_at, revoked_reason=reason)
        .execution_options(synchronize_session=False)
    )
    if not claimed:
        raise AlreadyRevoked
    db.session.refresh(certificate)
    audit.record(
        actor_id,
        "certificate.revoked",
        f"certificate:{certificate.id}",
        {"code": certificate.code, "user": certificate.user_id, "reason": reason},
    )
    certificate_revoked.send(certificate)


class NothingToReissue(Exception):
    """The certificate already carries its holder's name, or it is revoked."""


def reissue_with_current_name(certificate: Certificate, actor_id: int) -> None:
    """Re-issue after the holder's change of name: the certificate carries the new name,
    its PDFs are drawn again, and it gets a new credential. The earlier credential
    keeps its place in the status list: valid while the certificate is, as it was true
    of the same person when issued."""
    holder = db.session.get_one(User, certificate.user_id)
    if certificate.revoked_at is not None or holder.name == certificate.holder:
        raise NothingToReissue
    before = certificate.holder
    certificate.snapshot = {**certificate.snapshot, "holder": holder.name}
    db.session.execute(
        delete(CertificateDocument).where(CertificateDocument.certificate_id == certificate.id)
    )
    issue_credential(certificate)
    audit.record(
        actor_id,
        "certificate.reissued",
        f"certificate:{certificate.id}",
        {"code": certificate.code, "before": before, "after": holder.name},
    )
    queue_rendering(certificate)


def _has_certificate(completion_id: int) -> bool:
    found = db.session.scalar(
        select(Certificate.id).where(Certificate.completion_id == completion_id)
    )
    return found is not None


def _document_query(certificate_id: int, language: str) -> Select[CertificateDocument]:
    return select(CertificateDocument).where(
        CertificateDocument.certificate_id == certificate_id,
        CertificateDocument.language == language,
    )


def _stored_document(certificate_id: int, language: str) -> CertificateDocument | None:
    return db.session.scalars(_document_query(certificate_id, language)).one_or_none()


def _validity_months() -> int:
    return current_app.config["CERTIFICATE_VALIDITY_MONTHS"]  # default in config.SETTINGS
