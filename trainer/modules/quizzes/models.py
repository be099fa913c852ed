"""Quiz attempts and the answer given to each question drawn."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.core.time import UTCDateTime, utcnow
from trainer.extensions import Base
from trainer.modules.accounts.models import current_cycle


class QuizAttempt(Base):
    """One sitting of a module's quiz: the questions drawn, then the graded answers.

    `drawn` lists the questions in the order shown, each with its options in the
    order shown: [{"question": "q-id", "options": [3, 1, 2]}, ...].
    """

    __tablename__ = "quiz_attempts"
    __table_args__ = (Index("ix_quiz_attempts_user_module", "user_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The training cycle it was sat in: a new cycle asks for the quiz again.
    cycle: Mapped[int] = mapped_column(default=current_cycle, server_default="1")
    module_id: Mapped[str] = mapped_column(String(64))
    content_version: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(5))
    drawn: Mapped[list] = mapped_column(JSON)
    pass_mark: Mapped[int]
    score: Mapped[float | None]
    is_passed: Mapped[bool | None]
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    answers: Mapped[list["QuestionAnswer"]] = relationship(
        back_populates="attempt", order_by="QuestionAnswer.position", cascade="all, delete-orphan"
    )

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class QuestionAnswer(Base):
    """The learner's answer to one drawn question, and its score from 0 to 1."""

    __tablename__ = "question_answers"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_attempts.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]
    # Option ids chosen (choice questions), or step ids in the order given (ordering).
    chosen: Mapped[list] = mapped_column(JSON)
    score: Mapped[float]

    attempt: Mapped[QuizAttempt] = relationship(back_populates="answers")

    @property
    def is_right(self) -> bool:
        return self.score == 1.0
