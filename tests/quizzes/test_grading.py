"""Scores of each question type, as the authoring guide states them."""

import pytest

from trainer.modules.courses import Option, Question, QuestionKind
from trainer.modules.quizzes.grading import grade, quiz_score


def question(kind: QuestionKind, answer: tuple[int, ...], options: int = 4) -> Question:
    return Question(
        id="q",
        kind=kind,
        prompt_html="?",
        case_html="",
        is_scenario=False,
        options=tuple(Option(i, str(i), "", i in answer) for i in range(1, options + 1)),
        answer=answer,
        explanation_html="",
    )


@pytest.mark.parametrize("kind", [QuestionKind.SINGLE, QuestionKind.TRUE_FALSE])
def test_single_answer_questions_score_all_or_nothing(kind):
    q = question(kind, (2,), options=2 if kind is QuestionKind.TRUE_FALSE else 4)
    assert grade(q, [2]) == 1.0
    assert grade(q, [1]) == 0.0


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        ([1, 3], 1.0),  # all right
        ([2, 4], 0.0),  # all wrong
        ([1], 0.5),  # half the right ones
        ([1, 3, 2], 0.5),  # both right ones, one wrong: (2 - 1) / 2
        ([1, 2, 4], 0.0),  # never below zero
    ],
)
def test_multiple_choice_scores_right_minus_wrong_over_right(chosen, expected):
    assert grade(question(QuestionKind.MULTIPLE, (1, 3)), chosen) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ([1, 2, 3, 4], 1.0),  # all right
        ([4, 3, 2, 1], 0.0),  # all wrong
        ([1, 2, 4, 3], 0.5),  # two of four in place
        ([2, 1, 3, 4], 0.5),
    ],
)
def test_ordering_scores_the_share_of_steps_in_place(given, expected):
    assert grade(question(QuestionKind.ORDERING, (1, 2, 3, 4)), given) == expected


def test_quiz_score_is_the_mean_in_percent():
    assert quiz_score([1.0, 0.5, 0.0]) == 50.0
    assert quiz_score([1.0, 1.0, 1.0, 0.0, 1.0, 1.0]) == 83.3
