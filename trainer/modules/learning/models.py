"""What a learner has done: lessons read, and the course completed."""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.time import UTCDateTime, utcnow
from trainer.extensions import Base
from trainer.modules.accounts.models import current_cycle


class LessonProgress(Base):
    """A lesson the learner has read; stored by id, so it holds in every language."""

    __tablename__ = "lesson_progress"
    __table_args__ = (
        UniqueConstraint("user_id", "cycle", "module_id", "lesson_id"),
        Index("ix_lesson_progress_module_lesson", "module_id", "lesson_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The training cycle it was read in: a new cycle starts with nothing read.
    cycle: Mapped[int] = mapped_column(default=current_cycle, server_default="1")
    module_id: Mapped[str] = mapped_column(String(64))
    lesson_id: Mapped[str] = mapped_column(String(64))
    done_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CourseCompletion(Base):
    """The moment a learner finished every module; one per learner and training cycle."""

    __tablename__ = "course_completions"
    __table_args__ = (UniqueConstraint("user_id", "cycle"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The unique (user, cycle) serves lookups by user: no index of its own.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    cycle: Mapped[int] = mapped_column(default=current_cycle, server_default="1")
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ModuleSummary(Base):
    """A learner's module in the current training cycle in one row, kept up to date as progress is written, so that the
    managers' dashboard reads one row a module instead of every lesson and attempt.

    `lessons_done` counts every lesson recorded, in the course or not; reports subtract
    those the course no longer has (see RecordedLesson).
    """

    __tablename__ = "module_summaries"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    module_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    lessons_done: Mapped[int] = mapped_column(default=0)
    best_score: Mapped[float | None]
    quiz_passed: Mapped[bool] = mapped_column(default=False)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PersonSummary(Base):
    """A learner's module summaries summed for one course structure (`course_key`: its
    modules in order and their lessons), kept as progress is written, so that the
    dashboard reads one row a person. A row made for another structure (the course has
    changed since) is not read: the dashboard sums those people's module summaries
    itself until `trainer cycles run` makes their rows again.

    Whoever changes a learner's module summaries holds this row first (see
    learning.summary.hold_person), so two requests of one learner sum in turn."""

    __tablename__ = "person_summaries"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    course_key: Mapped[str] = mapped_column(String(16), default="")
    lessons: Mapped[int] = mapped_column(default=0)  # lessons of the course read
    complete_mask: Mapped[int] = mapped_column(BigInteger, default=0)  # bit i: every lesson read
    passed_mask: Mapped[int] = mapped_column(BigInteger, default=0)  # bit i: the quiz passed
    score_total: Mapped[float] = mapped_column(default=0.0)  # the best scores summed
    tried: Mapped[int] = mapped_column(default=0)  # quizzes taken
    last_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RecordedLesson(Base):
    """Every lesson anyone has read, once: a few dozen rows, through which reports find
    progress on lessons the course no longer has without reading everyone's progress."""

    __tablename__ = "recorded_lessons"

    module_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    lesson_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class CaseChoice(Base):
    """A choice a learner made at a step of a branching case, stored by ids so that a
    path holds in every language. `run` numbers the learner's walks through the case
    in a training cycle from 1; every run of every cycle is kept, so statistics can
    read first runs (cycle 1, run 1)."""

    __tablename__ = "case_choices"
    __table_args__ = (
        UniqueConstraint("user_id", "cycle", "module_id", "case_id", "run", "step_id"),
        Index("ix_case_choices_case", "module_id", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The training cycle it was made in: a new cycle walks the case afresh.
    cycle: Mapped[int] = mapped_column(default=current_cycle, server_default="1")
    module_id: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[str] = mapped_column(String(64))
    run: Mapped[int]
    step_id: Mapped[str] = mapped_column(String(64))
    choice: Mapped[int]
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
