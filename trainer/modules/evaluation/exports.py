"""The results as tables for a spreadsheet: the distribution of each statement per
centre and language, and the comments; trainer.core.spreadsheets writes them."""

from flask_babel import gettext as _

from trainer.core.spreadsheets import Value
from trainer.modules.courses.models import Evaluation
from trainer.modules.evaluation.answers import SCALE
from trainer.modules.evaluation.results import Group, summarise


def scale_labels() -> tuple[str, ...]:
    """The points of the scale in words, 1 to 5."""
    return (
        _("Strongly disagree"),
        _("Disagree"),
        _("Neither agree nor disagree"),
        _("Agree"),
        _("Strongly agree"),
    )


def numbers_table(
    groups: list[Group], evaluation: Evaluation | None
) -> tuple[list[str], list[list[Value]]]:
    """A line per centre, language and statement."""
    headers = [
        _("Centre"),
        _("Language"),
        _("Answers"),
        _("Statement id"),
        _("Statement"),
        _("Answered"),
        *(f"{value} {label}" for value, label in zip(SCALE, scale_labels(), strict=True)),
        _("Mean"),
    ]
    lines: list[list[Value]] = []
    for group in groups:
        results = summarise([group], evaluation)
        for statement in results.statements:
            mean = statement.mean
            lines.append(
                [
                    group.centre,
                    group.language,
                    results.answers,
                    statement.id,
                    statement.text,
                    statement.answered,
                    *statement.counts,
                    None if mean is None else round(mean, 2),
                ]
            )
    return headers, lines


def comments_table(groups: list[Group]) -> tuple[list[str], list[list[Value]]]:
    """A line per comment, by centre, language and the comment's own alphabetical order."""
    headers = [_("Centre"), _("Language"), _("Comment")]
    lines: list[list[Value]] = [
        [group.centre, group.language, comment]
        for group in groups
        for comment in summarise([group], None).comments
    ]
    return headers, lines
