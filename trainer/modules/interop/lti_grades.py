"""Assignment and Grade Services: when a person the platform launched completes the
course, the platform that offered a line item gets the completion as a score (1 of 1,
Completed, FullyGraded). Sent by a job (`trainer lti send`), never inside a request."""

from typing import Any

from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector
from sqlalchemy import select

from trainer.core import jobs
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.interop.lti import SCORE_SCOPE, registration
from trainer.modules.interop.lti_keys import public_key, tool_private_key
from trainer.modules.interop.lti_models import LtiAccount
from trainer.modules.learning.signals import course_completed

KIND = "lti-completion"


@course_completed.connect
def _queue_completion(user_id: int, **_: object) -> None:
    # Inside the completing request's transaction: the jobs exist exactly if it commits.
    if tool_private_key() is None:
        return  # no key to sign with: nothing can be sent
    accounts = db.session.scalars(
        select(LtiAccount).where(
            LtiAccount.user_id == user_id, LtiAccount.lineitem_url.is_not(None)
        )
    )
    for account in accounts:
        jobs.enqueue(KIND, {"account_id": account.id}, user_id=user_id)


def completion_grade(subject: str) -> Grade:
    return (
        Grade()
        .set_score_given(1)
        .set_score_maximum(1)
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded")
        .set_user_id(subject)
        .set_timestamp(utcnow().isoformat())
    )


@jobs.handler(KIND)
def send_completion(job: jobs.Job, batch: jobs.Batch) -> Any:
    account = db.session.get(LtiAccount, job.payload["account_id"])
    if account is None or not account.lineitem_url:
        return jobs.JobStatus.CANCELLED  # the person or the link is gone
    private = tool_private_key()
    if private is None:
        raise jobs.Failed("TRAINER_LTI_KEY_FILE is not set: nothing can be signed")
    tool = registration(account.platform, private).set_tool_public_key(public_key(private))
    service = AssignmentsGradesService(
        ServiceConnector(tool), {"scope": [SCORE_SCOPE], "lineitem": account.lineitem_url}
    )
    service.put_grade(completion_grade(account.subject))  # raises, and is retried, on failure
    return None
