"""Who a person is at an identity provider: the provider's stable subject, never an
e-mail address, links them to their account here."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.core.time import UTCDateTime, utcnow
from trainer.extensions import Base
from trainer.modules.accounts.models import User

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
