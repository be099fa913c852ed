"""What quizzes announce to the modules above them."""

from blinker import Namespace

_signals = Namespace()

# Sent after an attempt is graded, inside the request's transaction; receivers flush only.
attempt_submitted = _signals.signal("attempt-submitted")
