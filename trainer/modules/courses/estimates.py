"""Honest time: how long a lesson takes a second-language reader, and a module with it.

A lesson takes its words at the reading speed of its language, plus a fixed time for
each exercise and for each decision in a branching case; a module takes its lessons
plus a fixed time per drawn question. The checker warns when the minutes a trainer
gives differ from this estimate by more than a third (docs/authoring.md explains the
numbers and where they come from).
"""

import math
import re
from dataclasses import dataclass

from trainer.modules.courses import messages as msg
from trainer.modules.courses.problems import Report
from trainer.modules.courses.wording import Template, message

# Words a minute for a reader studying a text in their second or third language: about
# half the silent reading speed of native adult readers (IReST, Trauzettel-Klosinski et
# al. 2012: English 228, Swedish 218, Finnish 161), Finnish words being longer.
WORDS_PER_MINUTE = {"en": 115, "sv": 110, "fi": 80}
EXERCISE_MINUTES = 10
DECISION_MINUTES = 1
QUESTION_MINUTES = 2
TOLERANCE = 1 / 3

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)|\{[^{}\n]*\}")
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class LessonEffort:
    """What a lesson asks of the learner: words to read, exercises, case decisions."""

    words: int
    exercises: int
    decisions: int

    def minutes(self, language: str) -> float:
        speed = WORDS_PER_MINUTE.get(language, WORDS_PER_MINUTE["en"])
        return (
            self.words / speed
            + self.exercises * EXERCISE_MINUTES
            + self.decisions * DECISION_MINUTES
        )


def count_words(markdown: str) -> int:
    """Words a reader reads: no comments, link targets or {#id} attributes."""
    return len(_WORD.findall(_LINK_TARGET.sub("]", _COMMENT.sub(" ", markdown))))


def quiz_minutes(draw: int) -> int:
    return draw * QUESTION_MINUTES


def check_minutes(
    given: int, estimate: float, line: int, report: Report, template: Template, **values: object
) -> None:
    """Warn when `given` is more than a third away from `estimate`."""
    low, high = math.ceil(estimate * (1 - TOLERANCE)), math.floor(estimate * (1 + TOLERANCE))
    if not low <= given <= max(high, low):
        report.warning(
            line,
            template,
            minutes=given,
            estimate=round(estimate),
            low=low,
            high=max(high, low),
            **values,
        )


def check_lesson_minutes(
    lesson_id: str, given: int, effort: LessonEffort, language: str, line: int, report: Report
) -> None:
    check_minutes(
        given,
        effort.minutes(language),
        line,
        report,
        msg.LESSON_TIME,
        id=lesson_id,
        words=message(msg.WORDS, count=effort.words),
        exercises=message(msg.EXERCISES_DONE, count=effort.exercises),
    )
