"""What learning announces to the modules above it."""

from blinker import Namespace

_signals = Namespace()

# Sent once per learner, when the last module is done, inside the request's transaction;
# the receiver (certificates) flushes only. Sent with sender=user_id, course=Course.
course_completed = _signals.signal("course-completed")

# Sent inside the recording request's transaction, receivers flush only; sender=user_id.
# A lesson newly recorded as read: module_id=str, lesson_id=str, at=datetime.
lesson_read = _signals.signal("lesson-read")
# A choice recorded in a branching case: module_id, case_id, run, step_id, choice (its
# number), at.
case_choice_made = _signals.signal("case-choice-made")
# A module newly done (every lesson read and its quiz passed): module_id=str, at=datetime.
module_completed = _signals.signal("module-completed")
