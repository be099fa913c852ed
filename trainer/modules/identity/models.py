"""Models of identity: who a person is at an identity provider (the provider's stable
subject, never an e-mail address, links them to their account here), and the SCIM
directories that provision people and centres."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.core.time import UTCDateTime, utcnow
from trainer.extensions import Base
from trainer.modules.accounts.models import EMAIL_LENGTH, NAME_LENGTH, Centre, User

PROVIDER_KEY_LENGTH = 64
SUBJECT_LENGTH = 255


class IdentityLink(Base):
    """One person's account at one provider: Entra ID's `oid` (or OIDC's `sub`), or a
    SAML NameID that stays the same from one sign-in to the next."""

    __tablename__ = "identity_links"
    __table_args__ = (UniqueConstraint("provider", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    provider: Mapped[str] = mapped_column(String(PROVIDER_KEY_LENGTH))
    subject: Mapped[str] = mapped_column(String(SUBJECT_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<IdentityLink {self.provider}:{self.subject} user {self.user_id}>"


class UsedAssertion(Base):
    """A SAML assertion already used to sign in, kept until it would have expired, so
    that the same response posted again lets nobody in."""

    __tablename__ = "used_saml_assertions"

    assertion_id: Mapped[str] = mapped_column(String(SUBJECT_LENGTH), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


# --- SCIM provisioning -------------------------------------------------------------------
# A directory (an organisation's Entra ID tenant, say) provisions people and centres with
# a bearer token an admin issued; only the token's hash is stored. The directory reaches
# only the accounts it created and the centres it created or an admin gave it.


class ScimDirectory(Base):
    __tablename__ = "scim_directories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token_issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<ScimDirectory {self.id} {self.name!r}>"


class ScimPerson(Base):
    """An account a directory provisioned, with the attributes it sent as it sent them
    (RFC 7643 User, less what the server decides: id, meta, groups, active)."""

    __tablename__ = "scim_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    directory_id: Mapped[int] = mapped_column(
        ForeignKey("scim_directories.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    # Unique on the whole server, as RFC 7643 says of userName.
    user_name: Mapped[str] = mapped_column(String(EMAIL_LENGTH), unique=True)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    directory: Mapped[ScimDirectory] = relationship()
    user: Mapped[User] = relationship()


class ScimCentre(Base):
    """A centre a directory provisions into: its SCIM Group."""

    __tablename__ = "scim_centres"
    __table_args__ = (UniqueConstraint("directory_id", "centre_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    directory_id: Mapped[int] = mapped_column(
        ForeignKey("scim_directories.id", ondelete="CASCADE"), index=True
    )
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"))
    external_id: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    directory: Mapped[ScimDirectory] = relationship()
    centre: Mapped[Centre] = relationship()
