"""What quizzes announce to the modules above them, and how those may answer."""

from blinker import Namespace
from flask import g, has_request_context, url_for

_signals = Namespace()

# Sent after an attempt is graded, inside the request's transaction; receivers flush only.
attempt_submitted = _signals.signal("attempt-submitted")


def land_on(endpoint: str) -> None:
    """Ask the view whose change a receiver answered (a submitted quiz, a lesson read) to
    send the learner to `endpoint` next instead of its own next page: the completion page
    when that change completed the course. Outside a request it does nothing."""
    if has_request_context():
        g.landing = endpoint


def landing(default: str) -> str:
    """Where the learner goes after this request's change: a receiver's page, or `default`."""
    endpoint = g.pop("landing", None)
    return url_for(endpoint) if endpoint else default
