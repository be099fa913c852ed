"""Question statistics from answers already read: facility, discrimination, option shares.

Facility is the share of answers that are right (score 1). Discrimination is the
point-biserial correlation between a question being right and the score of the rest
of the attempt (the mean score of the attempt's other questions), so that a question
is not correlated with itself. Both are computed per question, for all languages
together and for each language.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from trainer.core.i18n import LANGUAGES
from trainer.modules.courses import Module, Question, QuestionKind

TOO_EASY_ABOVE = 0.95
TOO_HARD_BELOW = 0.30


class Flag(StrEnum):
    TOO_EASY = "too-easy"
    TOO_HARD = "too-hard"
    NEGATIVE = "negative-discrimination"


class Basis(StrEnum):
    """Which attempts count: each learner's first attempt, or every attempt."""

    FIRST = "first"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One answer of a counted attempt, as the query reads it."""

    attempt_id: int
    language: str
    is_first: bool
    question_id: str
    chosen: Sequence[int]
    score: float


@dataclass(frozen=True, slots=True)
class ScoredAnswer:
    """An answer with the rest score of its attempt (None when it is the only question)."""

    row: AnswerRow
    rest: float | None

    @property
    def is_right(self) -> bool:
        return self.row.score == 1.0


@dataclass(frozen=True, slots=True)
class QuestionStats:
    """One question in one language (None: all languages)."""

    language: str | None
    answers: int
    facility: float | None
    discrimination: float | None
    option_shares: tuple[tuple[int, float | None], ...]

    @property
    def flags(self) -> tuple[Flag, ...]:
        return flags_for(self.facility, self.discrimination)


@dataclass(frozen=True, slots=True)
class QuestionReport:
    question: Question
    overall: QuestionStats
    by_language: tuple[QuestionStats, ...]


@dataclass(frozen=True, slots=True)
class ModuleStatistics:
    module: Module
    basis: Basis
    attempts: int
    questions: tuple[QuestionReport, ...]


def flags_for(facility: float | None, discrimination: float | None) -> tuple[Flag, ...]:
    found = []
    if facility is not None and facility > TOO_EASY_ABOVE:
        found.append(Flag.TOO_EASY)
    if facility is not None and facility < TOO_HARD_BELOW:
        found.append(Flag.TOO_HARD)
    if discrimination is not None and discrimination < 0:
        found.append(Flag.NEGATIVE)
    return tuple(found)


def facility(answers: Sequence[ScoredAnswer]) -> float | None:
    if not answers:
        return None
    return sum(1 for a in answers if a.is_right) / len(answers)


def point_biserial(answers: Sequence[ScoredAnswer]) -> float | None:
    """r = (M1 - M0) / s * sqrt(p * q) over the answers that have a rest score.

    M1 and M0 are the mean rest scores of those right and not right, s the
    population standard deviation of all rest scores, p the share right, q = 1 - p.
    None when it is undefined: everyone right, no one right, or all rest scores equal.
    """
    right = [a.rest for a in answers if a.rest is not None and a.is_right]
    wrong = [a.rest for a in answers if a.rest is not None and not a.is_right]
    if not right or not wrong:
        return None
    rests = right + wrong
    mean = sum(rests) / len(rests)
    spread = math.sqrt(sum((r - mean) ** 2 for r in rests) / len(rests))
    if spread == 0:
        return None
    p = len(right) / len(rests)
    difference = sum(right) / len(right) - sum(wrong) / len(wrong)
    return difference / spread * math.sqrt(p * (1 - p))


def _picks(question: Question, option_id: int, chosen: Sequence[int]) -> bool:
    """Whether the answer chose the option; for ordering, placed the step right."""
    if option_id not in chosen:
        return False
    if question.kind is QuestionKind.ORDERING:
        return list(chosen).index(option_id) == question.answer.index(option_id)
    return True


def option_shares(
    question: Question, answers: Sequence[ScoredAnswer]
) -> tuple[tuple[int, float | None], ...]:
    """Per option, the share of answers choosing it (ordering: placing the step right)."""
    return tuple(
        (
            option.id,
            sum(1 for a in answers if _picks(question, option.id, a.row.chosen)) / len(answers)
            if answers
            else None,
        )
        for option in question.options
    )


def with_rest_scores(rows: Iterable[AnswerRow]) -> list[ScoredAnswer]:
    """Each answer with the mean score of the other answers of its attempt."""
    rows = list(rows)
    by_attempt: dict[int, list[float]] = defaultdict(list)
    for row in rows:
        by_attempt[row.attempt_id].append(row.score)
    scored = []
    for row in rows:
        scores = by_attempt[row.attempt_id]
        rest = (sum(scores) - row.score) / (len(scores) - 1) if len(scores) > 1 else None
        scored.append(ScoredAnswer(row, rest))
    return scored


def _stats(question: Question, language: str | None, answers: list[ScoredAnswer]) -> QuestionStats:
    return QuestionStats(
        language=language,
        answers=len(answers),
        facility=facility(answers),
        discrimination=point_biserial(answers),
        option_shares=option_shares(question, answers),
    )


def _report(
    question: Question, answers: list[ScoredAnswer], languages: Sequence[str]
) -> QuestionReport:
    by_language = tuple(
        _stats(question, lang, [a for a in answers if a.row.language == lang]) for lang in languages
    )
    return QuestionReport(question, _stats(question, None, answers), by_language)


def module_statistics(module: Module, rows: Iterable[AnswerRow], basis: Basis) -> ModuleStatistics:
    """The module's questions, in pool order, from the answers of the counted attempts.

    The rest score is computed over the whole attempt before choosing the basis, so a
    first attempt's numbers are the same whichever basis is shown.
    """
    scored = with_rest_scores(rows)
    if basis is Basis.FIRST:
        scored = [a for a in scored if a.row.is_first]
    by_question: dict[str, list[ScoredAnswer]] = defaultdict(list)
    for answer in scored:
        by_question[answer.row.question_id].append(answer)
    questions = tuple(
        _report(q, by_question.get(q.id, []), LANGUAGES) for q in module.quiz.questions
    )
    attempts = len({a.row.attempt_id for a in scored})
    return ModuleStatistics(module, basis, attempts, questions)
