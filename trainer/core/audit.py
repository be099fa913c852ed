"""The audit log: who did what to which thing, and when.

Rows outlive what they describe: `actor_id` and `subject` are plain values, not
foreign keys, so deleting an account or a certificate never rewrites history.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.time import UTCDateTime, utcnow
from trainer.extensions import db


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(64))
    # What was acted on, as "kind:identifier", e.g. "certificate:7".
    subject: Mapped[str] = mapped_column(String(200), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    def __repr__(self) -> str:
        return f"<AuditEvent {self.id} {self.action} {self.subject}>"


def record(actor_id: int | None, action: str, subject: str, detail: dict[str, Any]) -> AuditEvent:
    """Add an event to the log and flush; the caller's view commits."""
    event = AuditEvent(actor_id=actor_id, action=action, subject=subject, detail=detail)
    db.session.add(event)
    db.session.flush()
    return event
