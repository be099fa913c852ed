"""Reading the evaluation form as sent: every value checked, a clear message for each
one that is wrong, and nothing kept from a form with any."""

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from trainer.core.inputs import is_plain_text, whole_number
from trainer.modules.courses.models import Evaluation
from trainer.modules.evaluation.operations import Answer

FIELD_PREFIX = "statement-"
COMMENT = "comment"
SCALE = (1, 2, 3, 4, 5)
COMMENT_LIMIT = 2000


def statement_text(evaluation: Evaluation, text: str) -> str:
    """A statement or the question as the reader reads it (built-in ones translated)."""
    return _(text) if evaluation.built_in else text


def read_answer(
    form: MultiDict[str, str], evaluation: Evaluation
) -> tuple[Answer | None, list[str]]:
    """The answer, or None and what is wrong with the form."""
    problems: list[str] = []
    ratings = _ratings(form, evaluation, problems)
    comment = _comment(form.getlist(COMMENT), problems)
    if not problems and not ratings and comment is None:
        problems.append(
            _("Answer at least one statement or write a comment, or choose “No, thank you”.")
        )
    return (None, problems) if problems else (Answer(ratings, comment), [])


def _ratings(
    form: MultiDict[str, str], evaluation: Evaluation, problems: list[str]
) -> dict[str, int]:
    ratings: dict[str, int] = {}
    known = set(evaluation.statement_ids)
    if any(k.startswith(FIELD_PREFIX) and k[len(FIELD_PREFIX) :] not in known for k in form):
        problems.append(
            _(
                "The form answers a statement that the course does not have. Reload the page and answer again."
            )
        )
    for statement in evaluation.statements:
        values = form.getlist(FIELD_PREFIX + statement.id)
        if not values:
            continue
        value = whole_number(values[0], minimum=SCALE[0], maximum=SCALE[-1])
        if value is None or len(values) > 1:
            problems.append(
                _(
                    "Choose one of the five answers for “%(statement)s”.",
                    statement=statement_text(evaluation, statement.text),
                )
            )
        else:
            ratings[statement.id] = value
    return ratings


def _comment(values: list[str], problems: list[str]) -> str | None:
    if len(values) > 1:
        problems.append(_("The form has more than one comment. Reload the page and answer again."))
        return None
    text = (values[0] if values else "").replace("\r\n", "\n").strip()
    if len(text) > COMMENT_LIMIT:
        problems.append(
            _(
                "Your comment is %(length)d characters long. Please shorten it to %(limit)d.",
                length=len(text),
                limit=COMMENT_LIMIT,
            )
        )
    elif not is_plain_text(text.translate({ord(c): " " for c in "\n\t"})):
        problems.append(
            _("Your comment has invisible control characters in it. Please remove them.")
        )
    return text or None
