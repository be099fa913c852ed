"""Exercises in a lesson: every `> [!EXERCISE]` quote is followed by its `> [!ANSWER]`.

Only blank lines may come between the two, so that the model answer always sits
right under the task it answers (it is rendered as a disclosure the learner opens).
"""

import re
from dataclasses import dataclass

from trainer.modules.courses import messages as msg
from trainer.modules.courses.problems import Report
from trainer.modules.courses.source import Chunk

_MARKER = re.compile(r" {0,3}>[ \t]?\[!(?P<kind>[A-Za-z]+)\]")
_QUOTE = re.compile(r" {0,3}>")
EXERCISE = "exercise"
ANSWER = "answer"


@dataclass(frozen=True, slots=True)
class _Block:
    """A run of text lines: a quote (with its callout kind, if any) or other text."""

    line: int
    kind: str | None
    is_quote: bool


def check_exercises(body: Chunk, report: Report) -> int:
    """Report exercises without answers and answers without exercises; return how many
    exercises the lesson has."""
    blocks = _blocks(body)
    exercises = 0
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        preceding = blocks[index - 1] if index > 0 else None
        if block.kind == EXERCISE:
            exercises += 1
            if following is None or following.kind != ANSWER:
                report.error(block.line, msg.EXERCISE_WITHOUT_ANSWER)
        elif block.kind == ANSWER and (preceding is None or preceding.kind != EXERCISE):
            report.error(block.line, msg.ANSWER_WITHOUT_EXERCISE)
    return exercises


def _blocks(body: Chunk) -> list[_Block]:
    blocks: list[_Block] = []
    previous_blank = True
    for index, text in enumerate(body.lines):
        if not text.strip():
            previous_blank = True
            continue
        is_quote = bool(_QUOTE.match(text))
        starts = previous_blank or not blocks or blocks[-1].is_quote != is_quote
        if starts:
            m = _MARKER.match(text)
            kind = m["kind"].lower() if m and is_quote else None
            blocks.append(_Block(body.line + index, kind, is_quote))
        previous_blank = False
    return blocks
