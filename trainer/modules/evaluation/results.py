"""The counted answers, by centre and language, as trainers see and export them.

Every figure is a sum over whole groups (a centre and a language) of at least
GROUP_SIZE answers; a smaller group (possible only if GROUP_SIZE was raised) is left
out of every figure, so that no difference of two views isolates it.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from trainer.extensions import db
from trainer.modules.accounts.models import Centre
from trainer.modules.courses.models import Evaluation
from trainer.modules.evaluation.answers import SCALE, statement_text
from trainer.modules.evaluation.models import EvaluationAnswer, EvaluationBallot
from trainer.modules.evaluation.operations import GROUP_SIZE

NO_CENTRE = 0  # the centre filter's value for answers of people in no centre


@dataclass(frozen=True, slots=True)
class Group:
    """A centre and a language: the smallest unit results are shown for."""

    centre_id: int | None
    centre: str
    language: str
    answers: tuple[EvaluationAnswer, ...]


@dataclass(frozen=True, slots=True)
class StatementResult:
    id: str
    text: str
    counts: tuple[int, ...]  # how many chose each point of SCALE

    @property
    def answered(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        if not self.answered:
            return None
        return sum(v * n for v, n in zip(SCALE, self.counts, strict=True)) / self.answered

    def percent(self, index: int) -> int:
        return round(100 * self.counts[index] / self.answered) if self.answered else 0


@dataclass(frozen=True, slots=True)
class Results:
    answers: int
    statements: tuple[StatementResult, ...]
    comments: tuple[str, ...]
    first_period: str | None
    last_period: str | None


def counted_groups() -> list[Group]:
    """Every group with GROUP_SIZE answers or more, by centre name and language."""
    by_group: dict[tuple[int | None, str], list[EvaluationAnswer]] = defaultdict(list)
    for answer in db.session.scalars(select(EvaluationAnswer)):
        by_group[(answer.centre_id, answer.language)].append(answer)
    ids = {c for c, _language in by_group if c}
    names = {c.id: c.name for c in db.session.scalars(select(Centre).where(Centre.id.in_(ids)))}
    groups = [
        Group(
            centre_id,
            names.get(centre_id, "") if centre_id else _("No centre"),
            language,
            tuple(rows),
        )
        for (centre_id, language), rows in by_group.items()
        if len(rows) >= GROUP_SIZE
    ]
    return sorted(groups, key=lambda g: (g.centre_id is None, g.centre.casefold(), g.language))


def waiting() -> int:
    """Answers in the ballot box, not yet counted."""
    return db.session.scalar(select(func.count()).select_from(EvaluationBallot)) or 0


def chosen(groups: Iterable[Group], centre: int | None, language: str | None) -> list[Group]:
    """The groups of one centre (NO_CENTRE: of no centre) or all (None), and of one
    language or all (None)."""
    return [
        g
        for g in groups
        if (centre is None or (g.centre_id or NO_CENTRE) == centre)
        and (language is None or g.language == language)
    ]


def summarise(groups: Iterable[Group], evaluation: Evaluation | None) -> Results:
    """The distribution of each statement and the comments, over the groups."""
    answers = [a for g in groups for a in g.answers]
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    for answer in answers:
        for statement_id, value in answer.ratings.items():
            counts[statement_id][value] += 1
    periods = sorted({a.period for a in answers})
    return Results(
        answers=len(answers),
        statements=tuple(
            StatementResult(statement_id, text, tuple(counts[statement_id][v] for v in SCALE))
            for statement_id, text in _statements(evaluation, counts)
        ),
        comments=tuple(sorted((a.comment for a in answers if a.comment), key=str.casefold)),
        first_period=periods[0] if periods else None,
        last_period=periods[-1] if periods else None,
    )


def _statements(
    evaluation: Evaluation | None, counts: dict[str, Counter[int]]
) -> list[tuple[str, str]]:
    """The course's statements in its order, then any answered that it no longer has."""
    known = (
        [(s.id, statement_text(evaluation, s.text)) for s in evaluation.statements]
        if evaluation
        else []
    )
    ids = {i for i, _text in known}
    return known + [(i, i) for i in sorted(counts) if i not in ids]
