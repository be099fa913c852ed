"""What is stored about one person, and how a person is deleted. Functions flush only.

Deleting anonymises the account rather than removing the row: quiz answers stay,
attached to nobody, so question statistics and centre totals keep their history; so
do the person's training cycles, module retakes and the choices they made in
branching cases in every cycle (dates and ids only), while every certificate of every
cycle loses its holder's name.
"""

from contextlib import suppress
from typing import Any

from sqlalchemy import delete, or_, select, update

from trainer.core import audit
from trainer.core.audit import AuditEvent
from trainer.core.jobs import Job
from trainer.core.mail import KIND_PREFIX as MAIL_PREFIX
from trainer.extensions import db
from trainer.modules.about.feedback import delete_feedback_of, feedback_of
from trainer.modules.accounts.models import AccountToken, User
from trainer.modules.accounts.operations import end_sessions
from trainer.modules.certificates.credentials import erase_credentials
from trainer.modules.certificates.models import Certificate, CertificateDocument
from trainer.modules.certificates.operations import AlreadyRevoked, revoke_certificate
from trainer.modules.cycles.models import CycleNotice, ModuleRetake
from trainer.modules.cycles.queries import CycleRecord, cycle_history
from trainer.modules.evaluation.models import EvaluationReply
from trainer.modules.identity.models import IdentityLink, ScimPerson
from trainer.modules.learning.models import (
    CaseChoice,
    CourseCompletion,
    LessonProgress,
    ModuleSummary,
    PersonSummary,
)
from trainer.modules.quizzes.models import QuizAttempt
from trainer.modules.reports.models import PersonDeadline, Reminder

DELETED_REASON = "account deleted"
DELETED_NAME = "Deleted person"


_IS_MAIL = Job.kind.startswith(MAIL_PREFIX, autoescape=True)
# The statements interop queues for a learning record store (its xapi_sending.KIND_PREFIX;
# interop is privacy's peer, not below it). The person's other jobs (their certificate's
# PDF, an LTI grade to send) hold nothing the export does not show elsewhere.
_IS_LEARNING_RECORD = Job.kind.startswith("xapi.", autoescape=True)


def _rows(model, *where) -> list:
    return list(db.session.scalars(select(model).where(*where)))


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_person(user: User, actor_id: int) -> dict[str, Any]:
    """Everything stored about the person, as plain data; the export is audited."""
    audit.record(actor_id, "person.exported", f"user:{user.id}", {})
    return {
        "account": {
            "id": user.id,
            "name": user.name,
            "email": user.email,
            "role": user.role,
            "language": user.locale,
            "centre": user.centre.name if user.centre else None,
            "centres_managed": [c.name for c in user.managed_centres],
            "active": user.is_active,
            "created_at": _when(user.created_at),
            "last_sign_in_at": _when(user.last_login_at),
        },
        "training_cycles": [_cycle(c) for c in cycle_history(user)],
        "lessons_read": [
            {"cycle": p.cycle, "module": p.module_id, "lesson": p.lesson_id, "at": _when(p.done_at)}
            for p in _rows(LessonProgress, LessonProgress.user_id == user.id)
        ],
        "quiz_attempts": [_attempt(a) for a in _rows(QuizAttempt, QuizAttempt.user_id == user.id)],
        "case_choices": [_choice(c) for c in _rows(CaseChoice, CaseChoice.user_id == user.id)],
        "course_completed_at": [
            _when(c.completed_at)
            for c in _rows(CourseCompletion, CourseCompletion.user_id == user.id)
        ],
        "module_retakes": [
            _retake(r) for r in _rows(ModuleRetake, ModuleRetake.user_id == user.id)
        ],
        "cycle_notices": [
            {"kind": n.kind, "sent_at": _when(n.sent_at)}
            for n in _rows(CycleNotice, CycleNotice.user_id == user.id)
        ],
        "certificates": [
            _certificate(c) for c in _rows(Certificate, Certificate.user_id == user.id)
        ],
        "due_date": [
            d.due_on.isoformat() for d in _rows(PersonDeadline, PersonDeadline.user_id == user.id)
        ],
        "reminders_sent": [
            {"sent_at": _when(r.sent_at), "due_on": r.due_on.isoformat()}
            for r in _rows(Reminder, Reminder.user_id == user.id)
        ],
        "account_links": [_link(t) for t in _rows(AccountToken, AccountToken.user_id == user.id)],
        "identity_providers": [
            {
                "provider": link.provider,
                "subject": link.subject,
                "since": _when(link.created_at),
                "last_sign_in_at": _when(link.last_sign_in_at),
            }
            for link in _rows(IdentityLink, IdentityLink.user_id == user.id)
        ],
        "emails": [_email(job) for job in _rows(Job, Job.user_id == user.id, _IS_MAIL)],
        # xAPI statements queued for a learning record store (TRAINER_XAPI_ENABLED).
        "learning_records": [
            _learning_record(job) for job in _rows(Job, Job.user_id == user.id, _IS_LEARNING_RECORD)
        ],
        "audit_events": [_event(e, user.id) for e in _events_about(user)],
        "feedback_sent": [_feedback(e) for e in feedback_of(user)],
        "course_evaluation": _evaluation_replies(user),
        "provisioned_by_directory": [
            {"directory": p.directory.name, "userName": p.user_name, "attributes": p.attributes}
            for p in _rows(ScimPerson, ScimPerson.user_id == user.id)
        ],
    }


def _evaluation_replies(user: User) -> list[dict[str, Any]]:
    """The completions whose evaluation the person answered or declined (which of the
    two is not stored); the answers are anonymous, stored apart from any person."""
    completions = {
        c.id: c.completed_at for c in _rows(CourseCompletion, CourseCompletion.user_id == user.id)
    }
    return [
        {"course_completed_at": _when(completions.get(r.completion_id)), "replied": True}
        for r in _rows(EvaluationReply, EvaluationReply.user_id == user.id)
    ]


def _cycle(cycle: CycleRecord) -> dict[str, Any]:
    certificate = cycle.certificate
    return {
        "number": cycle.number,
        "started_at": _when(cycle.started_at),
        "reason": cycle.reason,
        "completed_at": _when(cycle.completed_at),
        "certificate": certificate.code if certificate else None,
        "course_version": certificate.course_version if certificate else None,
        "earlier_certificates": [earlier.code for earlier in cycle.superseded],
        "lessons_read": cycle.lessons_read,
        "case_choices": cycle.case_choices,
        "quiz_attempts": len(cycle.attempts),
    }


def _retake(retake: ModuleRetake) -> dict[str, Any]:
    return {
        "cycle": retake.cycle,
        "module": retake.module_id,
        "from_version": retake.from_version,
        "version": retake.version,
        "asked_at": _when(retake.asked_at),
        "due_at": _when(retake.due_at),
        "done_at": _when(retake.done_at),
    }


def _choice(choice: CaseChoice) -> dict[str, Any]:
    return {
        "cycle": choice.cycle,
        "module": choice.module_id,
        "case": choice.case_id,
        "run": choice.run,
        "step": choice.step_id,
        "choice": choice.choice,
        "at": _when(choice.chosen_at),
    }


def _attempt(attempt: QuizAttempt) -> dict[str, Any]:
    return {
        "cycle": attempt.cycle,
        "module": attempt.module_id,
        "language": attempt.language,
        "started_at": _when(attempt.started_at),
        "submitted_at": _when(attempt.submitted_at),
        "score": attempt.score,
        "passed": attempt.is_passed,
        "answers": [
            {"question": a.question_id, "chosen": a.chosen, "score": a.score}
            for a in attempt.answers
        ],
    }


def _certificate(certificate: Certificate) -> dict[str, Any]:
    return {
        "code": certificate.code,
        "edition": certificate.edition,
        "issued_at": _when(certificate.issued_at),
        "expires_at": _when(certificate.expires_at),
        "revoked_at": _when(certificate.revoked_at),
        "revoked_reason": certificate.revoked_reason,
        "printed": certificate.snapshot,
    }


def _link(token: AccountToken) -> dict[str, Any]:
    """An invitation or reset link's dates; never its secret."""
    return {
        "purpose": token.purpose,
        "created_at": _when(token.created_at),
        "expires_at": _when(token.expires_at),
        "used_at": _when(token.used_at),
    }


def _email(job: Job) -> dict[str, Any]:
    """An e-mail queued to the person: what kind and what became of it; never its text."""
    return {
        "kind": job.kind,
        "status": job.status,
        "queued_at": _when(job.created_at),
        "finished_at": _when(job.finished_at),
        "attempts": job.attempts,
    }


def _learning_record(job: Job) -> dict[str, Any]:
    """A statement queued for a learning record store: all of it, and whether it went."""
    return {
        "status": job.status,
        "queued_at": _when(job.created_at),
        "finished_at": _when(job.finished_at),
        "statement": job.payload.get("statement"),
    }


def _events_about(user: User) -> list[AuditEvent]:
    """Events the person did, events about their account, and failed sign-ins with
    their e-mail typed (by them or by anyone else)."""
    about = or_(
        AuditEvent.actor_id == user.id,
        AuditEvent.subject == f"user:{user.id}",
        AuditEvent.subject == audit.email_subject(user.email),
    )
    return list(db.session.scalars(select(AuditEvent).where(about).order_by(AuditEvent.at)))


def _event(event: AuditEvent, user_id: int) -> dict[str, Any]:
    """The event; its address only when the person did it (others' addresses are theirs)."""
    return {
        "at": _when(event.at),
        "action": event.action,
        "subject": event.subject,
        "address": event.address if event.actor_id == user_id else None,
    }


def _feedback(event: AuditEvent) -> dict[str, Any]:
    """A message sent with the form of the accessibility statement, as sent."""
    detail = event.detail or {}
    return {
        "at": _when(event.at),
        "page": detail.get("page"),
        "email": detail.get("email"),
        "message": detail.get("message"),
    }


def delete_person(user: User, actor_id: int | None) -> None:
    """Revoke their certificates, erase what names them (the feedback they sent too), and
    close the account for good."""
    for certificate in _rows(Certificate, Certificate.user_id == user.id):
        with suppress(AlreadyRevoked):  # an earlier revocation and its reason stand
            revoke_certificate(certificate, actor_id, DELETED_REASON)
        certificate.snapshot = {**certificate.snapshot, "holder": DELETED_NAME, "centre": None}
        db.session.execute(
            delete(CertificateDocument).where(CertificateDocument.certificate_id == certificate.id)
        )
        erase_credentials(certificate.id)  # their status bits stay, revoked
    models = (
        LessonProgress,
        ModuleSummary,
        PersonSummary,
        AccountToken,
        PersonDeadline,
        Reminder,
        Job,
    )
    # Signing in through a provider or a directory finds no one; the evaluation's
    # answers stay, unlinked; the cycles (case choices among them) stay on the
    # anonymised account.
    for model in (*models, CycleNotice, EvaluationReply, IdentityLink, ScimPerson):
        db.session.execute(delete(model).where(model.user_id == user.id))
    delete_feedback_of(user)  # while their e-mail still finds what they sent
    _anonymise_events(user)
    user.name = DELETED_NAME
    user.email = f"deleted-{user.id}@invalid.example"
    user.password_hash = None
    user.is_active_account = False
    user.centre = None
    user.managed_centres = []
    end_sessions(user)
    audit.record(actor_id, "person.deleted", f"user:{user.id}", {})


def _anonymise_events(user: User) -> None:
    """The log keeps what happened, tied to the anonymised account, but neither the
    person's e-mail (failed sign-ins name it) nor the addresses they used."""
    db.session.execute(
        update(AuditEvent)
        .where(AuditEvent.subject == audit.email_subject(user.email))
        .values(subject=f"user:{user.id}", address=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(AuditEvent)
        .where(AuditEvent.actor_id == user.id)
        .values(address=None)
        .execution_options(synchronize_session=False)
    )
