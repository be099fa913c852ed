"""Learning: the course outline, lessons, progress and completion."""

from flask import Blueprint

from trainer.modules.quizzes.signals import attempt_submitted

blueprint = Blueprint("learning", __name__, template_folder="templates")


@blueprint.app_template_filter("hours")
def _hours(value: float) -> str:
    """Hours with at most one decimal, in the reader's locale (6, 6.5, 6,5)."""
    from flask_babel import format_decimal

    return format_decimal(round(value, 1), format="0.#")


@blueprint.app_template_global("unread_lessons")
def _unread_lessons(module) -> tuple:
    """The signed-in learner's unread lessons of a module, for the pages of the modules
    below this one (a quiz result names them)."""
    from flask_login import current_user

    from trainer.modules.learning.progress import unread_lessons

    if not current_user.is_authenticated:
        return ()
    return unread_lessons(current_user.id, module)


@attempt_submitted.connect
def _summarise_attempt(attempt, **_):
    from trainer.modules.learning.summary import count_attempt

    count_attempt(attempt)


@attempt_submitted.connect
def _complete_after_passing(attempt, **_):
    from trainer.modules.courses import current_course
    from trainer.modules.learning.operations import announce_first_pass, complete_course_if_done

    if attempt.is_passed:
        announce_first_pass(attempt.user_id, attempt.module_id, attempt.submitted_at)
        complete_course_if_done(attempt.user_id, current_course())


from trainer.modules.learning import views  # noqa: E402, F401
