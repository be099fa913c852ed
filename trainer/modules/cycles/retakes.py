"""Retakes after a course change: a module whose content changed in a way that requires
retraining is asked again of the people certified on an earlier version of it, only
that module, with a due date; passing its quiz on the new version settles it.

Passing the last retake a person owes brings their certificate up to date: the
certificates module issues its next edition (certificates.operations.issue_next_edition),
which covers the course as it now is and keeps the expiry date of the certificate it
follows; the earlier edition stays valid until that same date, as a renewed certificate
does. The learner lands on the completion page, which shows the new certificate."""

from datetime import timedelta

from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from trainer.core import mail
from trainer.core.database import changed_rows
from trainer.core.time import utcnow
from trainer.core.urls import link_in_language
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.certificates.models import Certificate
from trainer.modules.certificates.operations import issue_next_edition
from trainer.modules.courses import Catalogue, Module, catalogue, needs_retraining
from trainer.modules.cycles.models import ModuleRetake
from trainer.modules.cycles.notices import record_once
from trainer.modules.cycles.queries import current_certificates, open_retakes
from trainer.modules.quizzes.models import QuizAttempt
from trainer.modules.quizzes.signals import attempt_submitted, land_on

RETAKE_MAIL = "cycle-retake"
REMIND_BEFORE = timedelta(days=7)


def _certified_now() -> list[tuple[User, Certificate]]:
    """Active people whose current cycle ended in a certificate still valid."""
    return current_certificates(Certificate.expires_at > utcnow())


def ask_retakes(modules: tuple[Module, ...]) -> int:
    """Ask each certified person to retake the modules whose changes since the version
    their certificate covers require retraining; once per module version. Returns how
    many were asked."""
    changed = [m for m in modules if m.changes]
    if not changed:
        return 0
    asked = {
        (user_id, module_id, version)
        for user_id, module_id, version in db.session.execute(
            select(ModuleRetake.user_id, ModuleRetake.module_id, ModuleRetake.version)
        )
    }
    due_at = utcnow() + timedelta(days=current_app.config["RETAKE_DAYS"])
    count = 0
    for person, certificate in _certified_now():
        covered = certificate.snapshot["versions"]
        for module in changed:
            since = covered.get(module.id)
            if since is None or since == module.version:
                continue
            if (person.id, module.id, module.version) in asked:
                continue
            if needs_retraining(module.changes, since):
                db.session.add(
                    ModuleRetake(
                        user_id=person.id,
                        cycle=person.cycle,
                        module_id=module.id,
                        from_version=since,
                        version=module.version,
                        due_at=due_at,
                    )
                )
                count += 1
    db.session.flush()
    return count


def send_retake_notices() -> int:
    """Tell each person of a retake asked of them, and remind them a week before it is
    due; each once. Returns how many were queued."""
    now = utcnow()
    open_retakes = db.session.scalars(
        select(ModuleRetake).where(ModuleRetake.done_at.is_(None)).order_by(ModuleRetake.id)
    )
    sent = 0
    for retake in open_retakes:
        stage = "retake-due" if now >= retake.due_at - REMIND_BEFORE else "retake-asked"
        if record_once(f"{stage}:{retake.id}", stage, retake.user_id):
            mail.queue(RETAKE_MAIL, {"retake_id": retake.id}, user_id=retake.user_id)
            sent += 1
    return sent


@attempt_submitted.connect
def _settle_retake(attempt: QuizAttempt, **_: object) -> None:
    """A pass on the version asked settles the retake (inside the request's transaction);
    the last one a person owes brings their certificate up to date."""
    if not attempt.is_passed:
        return
    settled = changed_rows(
        update(ModuleRetake)
        .where(
            ModuleRetake.user_id == attempt.user_id,
            ModuleRetake.module_id == attempt.module_id,
            ModuleRetake.version == attempt.content_version,
            ModuleRetake.done_at.is_(None),
        )
        .values(done_at=attempt.submitted_at)
        .execution_options(synchronize_session=False)
    )
    if settled and not open_retakes([attempt.user_id]):
        update_certificate(attempt.user_id)


def update_certificate(user_id: int) -> Certificate | None:
    """Issue the next edition of the person's certificate of their current cycle, now
    that they owe no retake; the learner sees it next. None if they hold no valid one."""
    held = current_certificates(User.id == user_id)
    if not held:
        return None
    issued = issue_next_edition(held[0][1])
    if issued is not None:
        land_on("certificates.completed")
    return issued


def retake_notes(retake: ModuleRetake, module: Module) -> tuple[str, ...]:
    """What changed, in the module's language, since the version the person knew."""
    return tuple(change.note for change in needs_retraining(module.changes, retake.from_version))


def retake_mail(person: User, retake: ModuleRetake, courses: Catalogue) -> mail.Mail:
    module = courses.module(courses.language_for(person.locale), retake.module_id)
    assert module is not None, "a retake is asked only of a module the course has"
    with force_locale(person.locale):
        paragraphs = [
            _("Hello %(name)s,", name=person.name),
            _(
                "The module %(module)s of the trafficking awareness course has changed."
                " Please take it again by %(date)s; the rest of your certificate stands.",
                module=module.title,
                date=format_date(retake.due_at, "long"),
            ),
            _("What changed:"),
            *retake_notes(retake, module),
            link_in_language("learning.module", person.locale, module_id=module.id),
        ]
        subject = _("Please retake the module %(module)s", module=module.title)
    return mail.Mail(to=person.email, subject=subject, body="\n\n".join(paragraphs) + "\n")


@mail.composer(RETAKE_MAIL, _l("Module retake"))
def compose_retake(payload: dict) -> mail.Mail | None:
    retake = db.session.get(ModuleRetake, payload["retake_id"])
    if retake is None or retake.done_at is not None:
        return None
    person = db.session.get(User, retake.user_id)
    courses = catalogue()
    if person is None or not person.is_active or courses.module("en", retake.module_id) is None:
        return None
    return retake_mail(person, retake, courses)
