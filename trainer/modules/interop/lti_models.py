"""LTI 1.3: the learning platforms registered to launch the course, the accounts they
launched (linked by the platform's `sub`), and the short-lived values of a launch."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.core.time import UTCDateTime, utcnow
from trainer.extensions import Base
from trainer.modules.accounts.models import Centre, User

URL_LENGTH = 500


class LtiPlatform(Base):
    """A learning platform (an LMS) that may launch the course: what it told us when it
    registered this tool, and the centre its people join here (unless their context is
    mapped to another, LtiContext)."""

    __tablename__ = "lti_platforms"
    __table_args__ = (UniqueConstraint("issuer", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    issuer: Mapped[str] = mapped_column(String(URL_LENGTH))
    client_id: Mapped[str] = mapped_column(String(200))
    key_set_url: Mapped[str] = mapped_column(String(URL_LENGTH))
    auth_login_url: Mapped[str] = mapped_column(String(URL_LENGTH))
    auth_token_url: Mapped[str] = mapped_column(String(URL_LENGTH))
    deployment_ids: Mapped[str] = mapped_column(Text)  # one per line
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    centre: Mapped[Centre] = relationship()

    @property
    def deployments(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.deployment_ids.splitlines() if line.strip())


class LtiContext(Base):
    """A course (context) in a platform whose people join another centre than the
    platform's own: one platform may serve several reception centres."""

    __tablename__ = "lti_contexts"
    __table_args__ = (UniqueConstraint("platform_id", "context_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platforms.id", ondelete="CASCADE"))
    context_id: Mapped[str] = mapped_column(String(255))
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"))

    centre: Mapped[Centre] = relationship()


class LtiAccount(Base):
    """This installation's account of a person a platform launched, found again by the
    platform's `sub` (never by e-mail alone). `lineitem_url` is where the platform takes
    the course's completion, when it offers Assignment and Grade Services."""

    __tablename__ = "lti_accounts"
    __table_args__ = (UniqueConstraint("platform_id", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platforms.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    lineitem_url: Mapped[str | None] = mapped_column(String(URL_LENGTH))
    last_launch_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    platform: Mapped[LtiPlatform] = relationship()
    user: Mapped[User] = relationship()


class LtiLaunchValue(Base):
    """A value the OIDC login leaves for the launch that follows (a nonce, launch data),
    in the database so that any server may take the launch."""

    __tablename__ = "lti_launch_values"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
