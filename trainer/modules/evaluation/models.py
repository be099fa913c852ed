"""Who has had their say, and what was said, kept where neither leads to the other.

`EvaluationReply` says that a learner has answered or declined the evaluation of one
course completion (which of the two it does not say), so that no one is asked twice.
`EvaluationBallot` and `EvaluationAnswer` hold what was answered, with no user, no
exact time and an id drawn at random: see the package's docstring for how they are
written so that neither their order nor their transaction links them to a reply.
"""

import secrets
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from trainer.extensions import Base

# On SQLite an INTEGER primary key is the rowid itself: a random one leaves no hidden
# rowid counting the rows in the order they came (BIGINT would).
RandomId = BigInteger().with_variant(Integer(), "sqlite")


def random_id() -> int:
    """A positive 63-bit integer, as random as a token: it tells nothing of when."""
    return secrets.randbits(63) or 1


class EvaluationReply(Base):
    """The learner has answered or declined the evaluation of this completion."""

    __tablename__ = "evaluation_replies"

    completion_id: Mapped[int] = mapped_column(
        ForeignKey("course_completions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class _Answered:
    """What one answer holds: where and in which language it came from, the course
    version and the month (UTC, "2026-11"; for a counted answer, those of when its group
    was counted), and the answers themselves."""

    id: Mapped[int] = mapped_column(RandomId, primary_key=True, autoincrement=False)
    centre_id: Mapped[int | None] = mapped_column(
        ForeignKey("centres.id", ondelete="SET NULL"), index=True
    )
    language: Mapped[str] = mapped_column(String(5))
    course_version: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(7))
    # {statement id: 1..5}; a statement left unanswered is absent.
    ratings: Mapped[dict[str, Any]] = mapped_column(JSON)
    comment: Mapped[str | None] = mapped_column(Text)


class EvaluationBallot(_Answered, Base):
    """An answer waiting until its centre and language have enough to be counted."""

    __tablename__ = "evaluation_ballots"


class EvaluationAnswer(_Answered, Base):
    """An answer counted in the results: moved here with others of its centre and
    language, at least GROUP_SIZE at a time, in random order."""

    __tablename__ = "evaluation_answers"
