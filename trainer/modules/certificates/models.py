"""Certificates, frozen at issue, and their PDFs, rendered once per language."""

import hashlib
from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.time import UTCDateTime, utcnow
from trainer.extensions import Base


class Status(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        """The status in words, in the reader's language."""
        return str(_STATUS_LABELS[self])


_STATUS_LABELS = {
    Status.VALID: _l("Valid"),
    Status.EXPIRED: _l("Expired"),
    Status.REVOKED: _l("Revoked"),
}


def course_version(versions: dict[str, str]) -> str:
    """Eight hex digits naming a set of module content versions {module id: version}."""
    named = ";".join(f"{module}={version}" for module, version in sorted(versions.items()))
    return hashlib.sha256(named.encode()).hexdigest()[:8]


class Certificate(Base):
    """The certificate of one course completion.

    `snapshot` holds everything printed on it, as it was when issued, in every
    language the course then had, so later changes to names or content leave it be:
    {"holder": str, "centre": str | None, "versions": {module id: content version},
     "courses": {language: {"title": str, "hours": float, "statement": str,
                            "modules": [module title, ...]}}}

    A completion has one certificate, its edition 1, unless a retake after a course
    change brought it up to the new version of the course: then a further edition,
    with a code of its own, follows (see cycles.retakes).
    """

    __tablename__ = "certificates"
    # One certificate per completion and edition, whatever the timing of requests.
    __table_args__ = (UniqueConstraint("completion_id", "edition"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    completion_id: Mapped[int] = mapped_column(
        ForeignKey("course_completions.id", ondelete="CASCADE")
    )
    edition: Mapped[int] = mapped_column(default=1, server_default="1")
    # The centre the holder was in when it was issued, as a record. Who may act on the
    # certificate follows its holder (accounts.access), like everything about a person.
    centre_id: Mapped[int | None] = mapped_column(
        ForeignKey("centres.id", ondelete="SET NULL"), index=True
    )
    language: Mapped[str] = mapped_column(String(5))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(Text)

    def status(self, now: datetime | None = None) -> Status:
        return self.status_of(self.revoked_at, self.expires_at, now or utcnow())

    @staticmethod
    def status_of(revoked_at: datetime | None, expires_at: datetime, now: datetime) -> Status:
        """The rule itself, for reports that read these two columns without the object."""
        if revoked_at is not None:
            return Status.REVOKED
        if now >= expires_at:
            return Status.EXPIRED
        return Status.VALID

    @property
    def holder(self) -> str:
        return self.snapshot["holder"]

    @property
    def course_version(self) -> str:
        """The version of the course it covers: a short name of its modules' content
        versions, the same wherever the same content was certified."""
        return course_version(self.snapshot["versions"])

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.snapshot["courses"])

    def course_title(self, language: str) -> str:
        """The course's title in `language`, or in the certificate's own if it had none."""
        courses = self.snapshot["courses"]
        return courses.get(language, courses[self.language])["title"]

    def __repr__(self) -> str:
        return f"<Certificate {self.id} {self.code}>"


class CertificateDocument(Base):
    """A certificate's PDF in one language: rendered once, then served as stored."""

    __tablename__ = "certificate_documents"
    __table_args__ = (UniqueConstraint("certificate_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(5))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    rendered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IssuerKey(Base):
    """A public key that has signed credentials. It stays published in the issuer profile
    after the key is replaced, so what it signed still verifies."""

    __tablename__ = "issuer_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64), unique=True)  # multibase, z6Mk...
    first_used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CertificateCredential(Base):
    """A certificate as an Open Badges 3.0 credential, signed: the exact JSON handed out.

    A certificate gets a new one when its holder is renamed; each keeps its own bit in
    the revocation status list (`status_index`), set when the certificate is revoked.
    """

    __tablename__ = "certificate_credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(
        ForeignKey("certificates.id", ondelete="CASCADE"), index=True
    )
    status_index: Mapped[int] = mapped_column(unique=True)
    holder: Mapped[str] = mapped_column(Text)  # the name it carries
    document: Mapped[str] = mapped_column(Text)  # the signed JSON; "" once erased
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
