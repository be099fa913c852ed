"""Structural tells: patterns in a quiz pool that let a test-wise learner score without
knowing the subject. Each is a warning with its numbers, per language file (option
lengths differ between languages)."""

from collections import Counter

from trainer.modules.courses import messages as msg
from trainer.modules.courses.models import QuestionKind
from trainer.modules.courses.problems import Report
from trainer.modules.courses.questions import QuestionSource
from trainer.modules.courses.wording import message

LONGEST_SHARE = 0.40
SAME_KEY_SHARE = 0.65
MIN_QUESTIONS = 3


def check_tells(questions: tuple[QuestionSource, ...], line: int, report: Report) -> None:
    _longest_is_right(questions, line, report)
    _true_false_keys(questions, line, report)
    _same_number_of_keys(questions, line, report)


def _longest_is_right(questions: tuple[QuestionSource, ...], line: int, report: Report) -> None:
    single = [q for q in questions if q.kind is QuestionKind.SINGLE and _has_both(q)]
    longest = [q for q in single if _right_is_longest(q)]
    if len(single) >= MIN_QUESTIONS and len(longest) > LONGEST_SHARE * len(single):
        report.warning(
            line,
            msg.TELL_LONGEST,
            count=len(longest),
            total=len(single),
            share=round(100 * len(longest) / len(single)),
        )


def _has_both(question: QuestionSource) -> bool:
    return len({o.is_correct for o in question.options}) == 2


def _right_is_longest(question: QuestionSource) -> bool:
    right = max(len(o.text) for o in question.options if o.is_correct)
    return all(len(o.text) <= right for o in question.options if not o.is_correct)


def _true_false_keys(questions: tuple[QuestionSource, ...], line: int, report: Report) -> None:
    keys = Counter(q.answer for q in questions if q.kind is QuestionKind.TRUE_FALSE)
    total = sum(keys.values())
    if total < 2:
        return
    key, count = keys.most_common(1)[0]
    balanced = count - (total - count) <= 1
    if count > SAME_KEY_SHARE * total and not balanced:
        label = message(msg.FIRST_OPTION if key == (1,) else msg.SECOND_OPTION)
        report.warning(
            line,
            msg.TELL_TRUE_FALSE,
            count=count,
            total=total,
            key=label,
            share=round(100 * count / total),
        )


def _same_number_of_keys(questions: tuple[QuestionSource, ...], line: int, report: Report) -> None:
    keys = [len(q.answer) for q in questions if q.kind is QuestionKind.MULTIPLE]
    if len(keys) >= MIN_QUESTIONS and len(set(keys)) == 1:
        report.warning(line, msg.TELL_SAME_KEYS, total=len(keys), keys=keys[0])
