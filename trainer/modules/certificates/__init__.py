"""Certificates: issued on completing the course, printed as PDF/A, checked by anyone."""

from flask import Blueprint

from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.operations import issue_certificate
from trainer.modules.learning.signals import course_completed
from trainer.modules.quizzes.signals import land_on

blueprint = Blueprint("certificates", __name__, template_folder="templates")
blueprint.add_app_template_filter(display_code, "certificate_code")


@course_completed.connect
def _issue_on_completion(user_id: int, **_: object) -> None:
    # Inside the completing request's transaction: flushes, and that request commits.
    issue_certificate(user_id)
    land_on("certificates.completed")  # the learner sees it next


from trainer.modules.certificates import (  # noqa: E402, F401
    credential_views,
    verification,
    views,
)
