"""What is stored about one person, and how a person is deleted. Functions flush only.

Deleting anonymises the account rather than removing the row: quiz answers stay,
attached to nobody, so question statistics and centre totals keep their history.
"""

from contextlib import suppress
from typing import Any

from sqlalchemy import delete, or_, select

from trainer.core import audit
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.accounts.invitations import AccountToken
from trainer.modules.accounts.models import User
from trainer.modules.accounts.operations import end_sessions
from trainer.modules.certificates.models import Certificate, CertificateDocument
from trainer.modules.certificates.operations import AlreadyRevoked, revoke_certificate
from trainer.modules.learning.models import CourseCompletion, LessonProgress, ModuleSummary
from trainer.modules.quizzes.models import QuizAttempt
from trainer.modules.reports.models import PersonDeadline, Reminder

DELETED_REASON = "account deleted"
DELETED_NAME = "Deleted person"


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
        "lessons_read": [
            {"module": p.module_id, "lesson": p.lesson_id, "at": _when(p.done_at)}
            for p in _rows(LessonProgress, LessonProgress.user_id == user.id)
        ],
        "quiz_attempts": [_attempt(a) for a in _rows(QuizAttempt, QuizAttempt.user_id == user.id)],
        "course_completed_at": [
            _when(c.completed_at)
            for c in _rows(CourseCompletion, CourseCompletion.user_id == user.id)
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
        "audit_events": [_event(e) for e in _events_about(user.id)],
    }


def _attempt(attempt: QuizAttempt) -> dict[str, Any]:
    return {
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


def _events_about(user_id: int) -> list[AuditEvent]:
    return _rows(
        AuditEvent, or_(AuditEvent.actor_id == user_id, AuditEvent.subject == f"user:{user_id}")
    )


def _event(event: AuditEvent) -> dict[str, Any]:
    return {"at": _when(event.at), "action": event.action, "subject": event.subject}


def delete_person(user: User, actor_id: int) -> None:
    """Revoke their certificates, erase what names them, and close the account for good."""
    for certificate in _rows(Certificate, Certificate.user_id == user.id):
        with suppress(AlreadyRevoked):  # an earlier revocation and its reason stand
            revoke_certificate(certificate, actor_id, DELETED_REASON)
        certificate.snapshot = {**certificate.snapshot, "holder": DELETED_NAME, "centre": None}
        db.session.execute(
            delete(CertificateDocument).where(CertificateDocument.certificate_id == certificate.id)
        )
    for model in (LessonProgress, ModuleSummary, AccountToken, PersonDeadline, Reminder):
        db.session.execute(delete(model).where(model.user_id == user.id))
    user.name = DELETED_NAME
    user.email = f"deleted-{user.id}@invalid.example"
    user.password_hash = None
    user.is_active_account = False
    user.centre = None
    user.managed_centres = []
    end_sessions(user)
    audit.record(actor_id, "person.deleted", f"user:{user.id}", {})
