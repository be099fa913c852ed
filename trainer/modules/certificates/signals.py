"""What certificates announce to the modules above them. Sent inside the request's
transaction; receivers flush only."""

from blinker import Namespace

_signals = Namespace()

# sender=Certificate, once it is issued (flushed, so it has its id).
certificate_issued = _signals.signal("certificate-issued")
# sender=Certificate, once it is revoked (revoked_at and revoked_reason set).
certificate_revoked = _signals.signal("certificate-revoked")
