"""What `trainer cycles run` does, in order; safe to run as often as cron likes."""

from dataclasses import dataclass

from trainer.modules.courses import Course
from trainer.modules.cycles.digest import send_digests
from trainer.modules.cycles.notices import Stage, send_renewal_notices
from trainer.modules.cycles.operations import certificates_due_renewal, open_renewal
from trainer.modules.cycles.retakes import ask_retakes, send_retake_notices


@dataclass(frozen=True)
class RunReport:
    opened: int
    notices: dict[Stage, int]
    digests: int
    retakes_asked: int
    retake_notices: int


def run_cycles(course: Course) -> RunReport:
    """Open the renewal windows that are due, tell each renewing person of the stage
    their renewal has reached (the window opened, 30 days left, expired), ask the
    retakes a course change requires and tell of them, and send the managers' weekly
    digests. Flushes; the caller commits."""
    opened = sum(
        1
        for user, certificate in certificates_due_renewal()
        if open_renewal(user, certificate, course) is not None
    )
    notices = send_renewal_notices()
    asked = ask_retakes(course.modules)
    return RunReport(opened, notices, send_digests(), asked, send_retake_notices())
