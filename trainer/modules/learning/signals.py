"""What learning announces to the modules above it."""

from blinker import Namespace

_signals = Namespace()

# Sent once per learner, when the last module is done, inside the request's transaction;
# the receiver (certificates) flushes only. Sent with sender=user_id, course=Course.
course_completed = _signals.signal("course-completed")
