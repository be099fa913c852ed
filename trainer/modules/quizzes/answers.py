"""Reading a submitted quiz form into answers, with a message for each gap.

Field names and values carry only positions on the page (question 2, option 3 as
shown), never option ids, so the page reveals nothing about which option is right.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from trainer.core.inputs import whole_number
from trainer.modules.courses import Module, QuestionKind
from trainer.modules.quizzes.operations import DrawnQuestion, drawn_question

CHOOSE_ONE = _l("Choose an answer.")
CHOOSE_SOME = _l("Choose at least one answer.")
PLACE_EVERY_STEP = _l("Give every step a different position.")


@dataclass
class ParsedAnswers:
    chosen: dict[str, list[int]] = field(default_factory=dict)
    problems: dict[int, str] = field(default_factory=dict)  # question position -> message


def field_name(position: int, step: int | None = None) -> str:
    return f"q{position}" if step is None else f"q{position}-step{step}"


def _shown_index(raw: str, count: int) -> int | None:
    # ASCII digits only: str.isdigit() also passes '²', which int() refuses.
    return whole_number(raw, minimum=1, maximum=count)


def _choices(drawn: DrawnQuestion, position: int, form: MultiDict) -> list[int]:
    count = len(drawn.option_ids)
    shown = {_shown_index(raw, count) for raw in form.getlist(field_name(position))}
    return sorted(drawn.option_ids[i - 1] for i in shown if i is not None)


def _order(drawn: DrawnQuestion, position: int, form: MultiDict) -> list[int] | None:
    """Step ids sorted by the position the learner gave each, or None if incomplete."""
    count = len(drawn.option_ids)
    places = {}
    for shown, step_id in enumerate(drawn.option_ids, start=1):
        place = _shown_index(form.get(field_name(position, shown), ""), count)
        if place is None or place in places:
            return None
        places[place] = step_id
    return [places[p] for p in sorted(places)]


def parse_answers(module: Module, drawn: list[DrawnQuestion], form: MultiDict) -> ParsedAnswers:
    parsed = ParsedAnswers()
    for position, item in enumerate(drawn, start=1):
        kind = drawn_question(module, item.question_id).kind
        if kind is QuestionKind.ORDERING:
            answer = _order(item, position, form)
            problem = PLACE_EVERY_STEP
        else:
            answer = _choices(item, position, form)
            if kind is not QuestionKind.MULTIPLE and len(answer) > 1:
                answer = []
            problem = CHOOSE_SOME if kind is QuestionKind.MULTIPLE else CHOOSE_ONE
        if answer:
            parsed.chosen[item.question_id] = answer
        else:
            parsed.problems[position] = problem
    return parsed
