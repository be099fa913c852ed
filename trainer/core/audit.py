"""The audit log: who did what to which thing, when, and from which address.

Rows outlive what they describe: `actor_id` and `subject` are plain values, not
foreign keys, so deleting an account or a certificate never rewrites history.
A change keeps what it changed as `before` and `after` in `detail` (ids, codes and
dates, not names, so deleting a person leaves no name behind here); the admin's page
puts each event in words (accounts.audit_words).
A failed sign-in is about whatever e-mail was typed (subject "email:..."); those are
personal data of the account with that e-mail, and are kept only for a while
(`trainer audit prune`).
"""

import ipaddress
from datetime import datetime, timedelta
from typing import Any

from flask import has_request_context, request
from sqlalchemy import JSON, String, delete
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.database import changed_rows
from trainer.core.time import UTCDateTime, utcnow
from trainer.extensions import Base, db

SIGN_IN_FAILED = "account.sign_in_failed"
# "email:" and the longest e-mail address a column holds, with room to spare.
SUBJECT_LENGTH = 300
ADDRESS_LENGTH = 45  # the longest textual IPv6 address


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(64))
    # What was acted on, as "kind:identifier", e.g. "certificate:7".
    subject: Mapped[str] = mapped_column(String(SUBJECT_LENGTH), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The client's address as the app saw it (see TRAINER_TRUSTED_PROXIES).
    address: Mapped[str | None] = mapped_column(String(ADDRESS_LENGTH))

    def __repr__(self) -> str:
        return f"<AuditEvent {self.id} {self.action} {self.subject}>"


def client_address() -> str | None:
    """The request's client address, if there is a request and it is an IP address."""
    if not has_request_context() or not request.remote_addr:
        return None
    try:
        return str(ipaddress.ip_address(request.remote_addr))
    except ValueError:
        return None


def record(
    actor_id: int | None, action: str, subject: str, detail: dict[str, Any] | None = None
) -> AuditEvent:
    """Add an event to the log and flush; the caller's view commits."""
    event = AuditEvent(
        actor_id=actor_id,
        action=action,
        subject=subject[:SUBJECT_LENGTH],
        detail=detail or {},
        address=client_address(),
    )
    db.session.add(event)
    db.session.flush()
    return event


def email_subject(email: str) -> str:
    """The subject of events about a typed e-mail address (already normalised)."""
    return f"email:{email}"


def prune_failed_sign_ins(older_than: timedelta) -> int:
    """Delete failed sign-ins recorded more than `older_than` ago; return how many."""
    deleted = changed_rows(
        delete(AuditEvent).where(
            AuditEvent.action == SIGN_IN_FAILED, AuditEvent.at < utcnow() - older_than
        )
    )
    db.session.flush()
    return deleted
