"""Scores as the authoring guide defines them, each from 0 to 1."""

from trainer.modules.courses import Question, QuestionKind


def grade(question: Question, chosen: list[int]) -> float:
    """The score of `chosen` (option ids, or step ids in the order given)."""
    if question.kind is QuestionKind.ORDERING:
        return _ordering(question.answer, chosen)
    if question.kind is QuestionKind.MULTIPLE:
        return _multiple(set(question.answer), set(chosen))
    return 1.0 if list(chosen) == list(question.answer) else 0.0


def _multiple(right: set[int], chosen: set[int]) -> float:
    """Right options chosen minus wrong ones chosen, over the number of right options."""
    return max(0, len(chosen & right) - len(chosen - right)) / len(right)


def _ordering(correct: tuple[int, ...], given: list[int]) -> float:
    """The share of steps placed in their correct position."""
    in_place = sum(1 for step, expected in zip(given, correct, strict=False) if step == expected)
    return in_place / len(correct)


def quiz_score(scores: list[float]) -> float:
    """The attempt's score in percent, rounded to one decimal."""
    return round(100 * sum(scores) / len(scores), 1) if scores else 0.0
