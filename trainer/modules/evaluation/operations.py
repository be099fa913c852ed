"""Inviting, answering and declining; moving ballots into the count. Functions flush
only. How they keep an answer from its author: see the package's docstring."""

import hashlib
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, func, select
from sqlalchemy.exc import IntegrityError

from trainer.core.database import changed_rows
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.courses import Course, catalogue
from trainer.modules.evaluation.models import (
    EvaluationAnswer,
    EvaluationBallot,
    EvaluationReply,
    random_id,
)
from trainer.modules.learning.models import CourseCompletion

# The fewest answers of a centre and language that are counted and shown together.
GROUP_SIZE = 5


class AlreadyReplied(Exception):
    """This completion's evaluation was answered or declined already."""


@dataclass(frozen=True, slots=True)
class Answer:
    """What the learner sent, checked: {statement id: 1..5} and the comment, if any."""

    ratings: dict[str, int]
    comment: str | None


def invited_completion(user_id: int) -> CourseCompletion | None:
    """The learner's latest completion not yet answered or declined, when the course
    has an evaluation; else None."""
    if catalogue().course(catalogue().languages[0]).evaluation is None:
        return None
    replied = exists().where(EvaluationReply.completion_id == CourseCompletion.id)
    return db.session.scalar(
        select(CourseCompletion)
        .where(CourseCompletion.user_id == user_id, ~replied)
        .order_by(CourseCompletion.completed_at.desc(), CourseCompletion.id.desc())
        .limit(1)
    )


def course_version(course: Course) -> str:
    """A short fingerprint of the course's module versions (the same in every language)."""
    versions = ",".join(f"{m.id}:{m.version}" for m in course.modules)
    return hashlib.sha256(versions.encode()).hexdigest()[:12]


def decline(completion: CourseCompletion) -> None:
    _reply(completion)


def answer(completion: CourseCompletion, person: User, course: Course, given: Answer) -> None:
    """Record the reply, drop the answer in the ballot box, and count its group in if
    it is now large enough."""
    _reply(completion)
    ballot = EvaluationBallot(
        id=random_id(),
        centre_id=person.centre_id,
        language=course.language,
        course_version=course_version(course),
        period=utcnow().strftime("%Y-%m"),
        ratings=dict(given.ratings),
        comment=given.comment,
    )
    db.session.add(ballot)
    db.session.flush()
    count_in(person.centre_id, course.language, ballot.course_version)


def _reply(completion: CourseCompletion) -> None:
    """The reply row; AlreadyReplied if it exists (its key makes a second impossible)."""
    try:
        with db.session.begin_nested():
            db.session.add(EvaluationReply(completion_id=completion.id, user_id=completion.user_id))
    except IntegrityError as error:
        raise AlreadyReplied from error


def _same_group(centre_id: int | None, language: str) -> list[Any]:
    centre = (
        EvaluationBallot.centre_id.is_(None)
        if centre_id is None
        else EvaluationBallot.centre_id == centre_id
    )
    return [centre, EvaluationBallot.language == language]


def count_in(centre_id: int | None, language: str, version: str) -> int:
    """Move the group's ballots into the answers, in random order, once there are
    GROUP_SIZE of them; the number moved. They are counted with this month and the
    course `version`, the same for all, so that no answer stands out from the others
    moved with it by when it was given. A ballot another request moved meanwhile is
    not moved twice: each is deleted first, and moved only if this deleted it."""
    where = _same_group(centre_id, language)
    waiting = db.session.scalar(select(func.count()).select_from(EvaluationBallot).where(*where))
    if (waiting or 0) < GROUP_SIZE:
        return 0
    ballots = list(db.session.scalars(select(EvaluationBallot).where(*where)))
    random.SystemRandom().shuffle(ballots)
    counted = {"period": utcnow().strftime("%Y-%m"), "course_version": version}
    moved = 0
    for ballot in ballots:
        values = {**{c: getattr(ballot, c) for c in _COPIED}, **counted}
        db.session.expunge(ballot)
        if changed_rows(delete(EvaluationBallot).where(EvaluationBallot.id == ballot.id)) == 1:
            db.session.add(EvaluationAnswer(id=random_id(), **values))
            db.session.flush()
            moved += 1
    return moved


_COPIED = ("centre_id", "language", "ratings", "comment")
