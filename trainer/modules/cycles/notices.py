"""Mail about renewals, each sent once per event: the certificate's window opening, 30
days before it expires, the day it expires. The key of a CycleNotice names the event,
so a second run of `trainer cycles run` finds it and sends nothing again."""

from datetime import datetime, timedelta
from enum import StrEnum

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, select
from sqlalchemy.exc import IntegrityError

from trainer.core import mail
from trainer.core.time import utcnow
from trainer.core.urls import link_in_language
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.certificates.models import Certificate
from trainer.modules.cycles.models import CycleNotice, TrainingCycle
from trainer.modules.learning.models import CourseCompletion

RENEWAL_MAIL = "cycle-renewal"
EXPIRING_SOON = timedelta(days=30)


class Stage(StrEnum):
    """Where a renewal stands; each stage is told once."""

    OPENED = "window-opened"
    EXPIRING = "expiring"
    EXPIRED = "expired"


def stage_of(expires_at: datetime, now: datetime) -> Stage:
    if now >= expires_at:
        return Stage.EXPIRED
    if now >= expires_at - EXPIRING_SOON:
        return Stage.EXPIRING
    return Stage.OPENED


def already_recorded(key: str) -> bool:
    return bool(db.session.scalar(select(exists().where(CycleNotice.key == key))))


def record_once(key: str, kind: str, user_id: int | None) -> bool:
    """Record the event; False if it was recorded before (by this run or another)."""
    if already_recorded(key):
        return False
    try:
        with db.session.begin_nested():
            db.session.add(CycleNotice(key=key, kind=kind, user_id=user_id))
    except IntegrityError:
        return False  # a concurrent run recorded it first
    return True


def renewals_open() -> list[tuple[User, Certificate]]:
    """Active people renewing a certificate, not yet done with their renewal cycle."""
    completed = exists().where(
        CourseCompletion.user_id == User.id, CourseCompletion.cycle == User.cycle
    )
    query = (
        select(User, Certificate)
        .join(
            TrainingCycle,
            and_(TrainingCycle.user_id == User.id, TrainingCycle.number == User.cycle),
        )
        .join(Certificate, Certificate.id == TrainingCycle.renews_certificate_id)
        .where(User.is_active_account.is_(True), Certificate.revoked_at.is_(None), ~completed)
        .order_by(User.id)
    )
    return [(user, certificate) for user, certificate in db.session.execute(query)]


def send_renewal_notices() -> dict[Stage, int]:
    """Tell each renewing person of the stage their renewal has reached, once a stage;
    a stage passed while nothing ran is not told late. Returns how many of each."""
    now = utcnow()
    sent = dict.fromkeys(Stage, 0)
    for person, certificate in renewals_open():
        stage = stage_of(certificate.expires_at, now)
        if record_once(f"{stage}:{certificate.id}", stage, person.id):
            payload = {"user_id": person.id, "certificate_id": certificate.id, "stage": stage}
            mail.queue(RENEWAL_MAIL, payload, user_id=person.id)
            sent[stage] += 1
    return sent


_SUBJECTS = {
    Stage.OPENED: _l("Time to renew your trafficking awareness certificate"),
    Stage.EXPIRING: _l("Your trafficking awareness certificate expires in 30 days"),
    Stage.EXPIRED: _l("Your trafficking awareness certificate has expired"),
}


def _news(stage: Stage, expires_on: str) -> str:
    if stage is Stage.EXPIRED:
        return _("Your certificate expired on %(date)s.", date=expires_on)
    return _(
        "Your certificate is valid until %(date)s. Renew it by taking the refresher before then.",
        date=expires_on,
    )


def renewal_mail(person: User, certificate: Certificate, stage: Stage) -> mail.Mail:
    with force_locale(person.locale):
        paragraphs = [
            _("Hello %(name)s,", name=person.name),
            _news(stage, format_date(certificate.expires_at, "long")),
            _("Your new training cycle is ready:"),
            link_in_language("learning.course", person.locale),
            _("If you have questions, ask your manager."),
        ]
        subject = str(_SUBJECTS[stage])
    return mail.Mail(to=person.email, subject=subject, body="\n\n".join(paragraphs) + "\n")


@mail.composer(RENEWAL_MAIL, _l("Certificate renewal"))
def compose_renewal(payload: dict) -> mail.Mail | None:
    person = db.session.get(User, payload["user_id"])
    certificate = db.session.get(Certificate, payload["certificate_id"])
    if person is None or not person.is_active or certificate is None:
        return None
    return renewal_mail(person, certificate, Stage(payload["stage"]))
