"""What cycles asks of the modules above it. Sent inside the caller's transaction;
receivers read only."""

from dataclasses import dataclass
from datetime import date

from blinker import Namespace

_signals = Namespace()


@dataclass(frozen=True)
class Overdue:
    """Something a person should have done by `due_on` and has not."""

    user_id: int
    what: str  # in the reader's language, e.g. "the course"
    due_on: date


# Sent while a manager's weekly digest is drawn up (in the manager's language), with
# sender=the manager, people=a SELECT of the ids of the people in the digest, now=its
# moment. Each receiver returns a list of Overdue it knows of among those people: the
# digest's "overdue" holds them with the retakes overdue that cycles itself knows of.
# (Due dates for the course live in reports, a layer above cycles.)
digest_overdue = _signals.signal("digest-overdue")
