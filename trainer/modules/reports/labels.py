"""What the dashboard and its exports call each status, in the reader's language."""

from flask_babel import lazy_gettext as _l

from trainer.modules.certificates.models import Status as CertificateStatus
from trainer.modules.reports.progress import Status

STATUS_LABELS = {
    Status.NOT_STARTED: _l("Not started"),
    Status.IN_PROGRESS: _l("In progress"),
    Status.COMPLETED: _l("Completed"),
}
CERTIFICATE_LABELS = {
    CertificateStatus.VALID: _l("Valid"),
    CertificateStatus.EXPIRED: _l("Expired"),
    CertificateStatus.REVOKED: _l("Revoked"),
}


def status_label(status: Status) -> str:
    return str(STATUS_LABELS[status])


def certificate_status_label(status: CertificateStatus) -> str:
    return str(CERTIFICATE_LABELS[status])
