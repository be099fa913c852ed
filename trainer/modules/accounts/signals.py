"""What accounts announces to the modules above it."""

from blinker import Namespace

_signals = Namespace()

# Sent when a person has signed out, after their session was emptied, with
# sender=user_id, ended=a copy of the session as it was. A receiver
# (identity) may put in the fresh session what the sign-in page offers next.
signed_out = _signals.signal("signed-out")
