"""Training cycles after the first, the modules a course change asks people to retake,
and the notices sent about them (each once)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.time import UTCDateTime, utcnow
from trainer.extensions import Base

RENEWAL = "renewal"


class TrainingCycle(Base):
    """A cycle opened after the first: the person's lessons, attempts, completion and
    certificate from `started_at` on carry its number (see User.cycle). The first cycle
    has no row: it starts with the account."""

    __tablename__ = "training_cycles"
    __table_args__ = (UniqueConstraint("user_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    number: Mapped[int]
    reason: Mapped[str] = mapped_column(String(16), default=RENEWAL)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The certificate whose renewal window opened it: one renewal per certificate.
    renews_certificate_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificates.id", ondelete="SET NULL"), unique=True
    )


class ModuleRetake(Base):
    """A module a certified person must take again because its content changed in a way
    that requires retraining; done when they pass its quiz on `version`."""

    __tablename__ = "module_retakes"
    __table_args__ = (UniqueConstraint("user_id", "module_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    cycle: Mapped[int]
    module_id: Mapped[str] = mapped_column(String(64))
    from_version: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(64))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CycleNotice(Base):
    """A notice sent about a cycle (a reminder, a digest): its key names the event, so
    that running `trainer cycles run` twice sends nothing twice."""

    __tablename__ = "cycle_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
