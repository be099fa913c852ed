"""Where a person stands in the recertification cycle: one rule for every page."""

from datetime import datetime, timedelta
from enum import StrEnum

from flask import current_app
from flask_babel import lazy_gettext as _l


class CycleStatus(StrEnum):
    NOT_CERTIFIED = "not-certified"
    VALID = "valid"
    RENEWAL = "renewal-window"
    EXPIRED = "expired"
    RETAKE = "retake-required"

    @property
    def label(self) -> str:
        """The status in words, in the reader's language."""
        return str(_LABELS[self])


_LABELS = {
    CycleStatus.NOT_CERTIFIED: _l("Not certified"),
    CycleStatus.VALID: _l("Valid"),
    CycleStatus.RENEWAL: _l("In renewal window"),
    CycleStatus.EXPIRED: _l("Expired"),
    CycleStatus.RETAKE: _l("Retake required"),
}


def renewal_window() -> timedelta:
    """How long before a certificate expires its holder may renew it."""
    return timedelta(days=current_app.config["RENEWAL_WINDOW_DAYS"])


def cycle_status(
    expires_at: datetime | None,
    revoked_at: datetime | None,
    retakes: int,
    now: datetime,
    window: timedelta,
) -> CycleStatus:
    """From the person's latest certificate (its expiry, its revocation) and the
    module retakes they still owe; `window` is the renewal window (renewal_window(),
    read once by callers that judge thousands of people)."""
    if expires_at is None or revoked_at is not None:
        return CycleStatus.NOT_CERTIFIED
    if now >= expires_at:
        return CycleStatus.EXPIRED
    if retakes:
        return CycleStatus.RETAKE
    if now >= expires_at - window:
        return CycleStatus.RENEWAL
    return CycleStatus.VALID
