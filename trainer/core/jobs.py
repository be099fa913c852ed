"""The job queue (an outbox): slow or fallible work that a request must not do itself.

A request writes a Job in its own transaction, so the job exists exactly when what
asked for it was committed. A worker (`trainer mail work`, or `trainer mail send` from
cron) claims due jobs for a while (a lease), runs each kind's handler, and records the
outcome: done, failed after its last attempt, or queued again with exponential backoff.
A worker killed mid-job leaves its claim to expire; another worker then runs the job
again, so a handler must tolerate running twice (e-mails keep one Message-ID for that).

E-mail is the first kind (`trainer.core.mail`); any module registers others with
`@handler("kind")`, or with `@batch_handler("kind")` to run the due jobs of a kind
together (xAPI statements, sent to a learning record store many in one request).
"""

import os
import secrets
import socket
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from flask import current_app
from sqlalchemy import JSON, ForeignKey, Index, String, insert, or_, select, update
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.database import changed_rows
from trainer.core.time import UTCDateTime, utcnow
from trainer.extensions import Base, db

MAX_ATTEMPTS = 10
LONGEST_DELAY = timedelta(hours=6)
LEASE = timedelta(minutes=10)
# A job is not started this close to the end of its claim (an SMTP timeout, and more).
LEASE_MARGIN = timedelta(minutes=1)
BATCH = 50
LONGEST_ERROR = 500


class JobStatus(StrEnum):
    QUEUED = "queued"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"  # nothing left to do, e.g. the link in the e-mail is gone


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_due", "status", "run_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The person the job is about: their jobs go with their account.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    run_after: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(LONGEST_ERROR))
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.kind} {self.status}>"


class Failed(Exception):
    """The job cannot succeed however often it is tried (a refused address, say)."""


class ServiceDown(Exception):
    """The service the job needs is unreachable: retry later, and stop this run."""


class Batch:
    """What a run of the worker shares between jobs: resources opened on first use
    (one SMTP connection for many e-mails) and closed when the run ends."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._resources: dict[str, Any] = {}

    def resource(self, key: str, opener: Callable[[], AbstractContextManager]) -> Any:
        if key not in self._resources:
            self._resources[key] = self._stack.enter_context(opener())
        return self._resources[key]

    def close(self) -> None:
        self._resources.clear()
        self._stack.close()


Handler = Callable[[Job, Batch], JobStatus | None]
HANDLERS: dict[str, Handler] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of `kind`. It returns None (done) or
    JobStatus.CANCELLED, and raises Failed, ServiceDown or anything else (retried)."""

    def register(function: Handler) -> Handler:
        HANDLERS[kind] = function
        return function

    return register


BatchHandler = Callable[[list[Job], Batch], dict[int, Exception]]
BATCH_HANDLERS: dict[str, BatchHandler] = {}


def batch_handler(kind: str) -> Callable[[BatchHandler], BatchHandler]:
    """Register the function that runs the claimed jobs of `kind` together. It returns
    the jobs that did not succeed, by id, each with the error a handler would raise
    (Failed, ServiceDown, anything else); an error it raises applies to every job."""

    def register(function: BatchHandler) -> BatchHandler:
        BATCH_HANDLERS[kind] = function
        return function

    return register


def _check_kind(kind: str) -> None:
    if kind not in HANDLERS and kind not in BATCH_HANDLERS:
        raise LookupError(f"no handler for jobs of kind {kind!r}")


def enqueue(
    kind: str, payload: dict[str, Any], *, user_id: int | None = None, run_after=None
) -> Job:
    """Add a job to the caller's transaction; it runs once that commits. Does not flush,
    so a request can queue thousands in one statement."""
    _check_kind(kind)
    now = utcnow()
    job = Job(
        kind=kind,
        payload=payload,
        user_id=user_id,
        status=JobStatus.QUEUED,
        attempts=0,
        created_at=now,
        run_after=run_after or now,
    )
    db.session.add(job)
    return job


def enqueue_many(kind: str, jobs: list[tuple[dict[str, Any], int | None]]) -> None:
    """Jobs of one kind from (payload, user_id), in one INSERT in the caller's transaction:
    a staff import queues thousands of invitations this way."""
    _check_kind(kind)
    if not jobs:
        return
    now = utcnow()
    rows = [
        {
            "kind": kind,
            "payload": payload,
            "user_id": user_id,
            "status": JobStatus.QUEUED,
            "attempts": 0,
            "created_at": now,
            "run_after": now,
        }
        for payload, user_id in jobs
    ]
    db.session.execute(insert(Job), rows)


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... times the configured base after each failed attempt, at most 6 h."""
    base = timedelta(seconds=current_app.config["MAIL_RETRY_SECONDS"])
    return min(base * 2 ** (attempts - 1), LONGEST_DELAY)


@dataclass
class Outcome:
    done: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0
    service_down: str | None = None


# Which jobs a worker runs: the kinds starting with this prefix, or with one of these.
Kinds = str | tuple[str, ...]


def _due(kinds: Kinds, now: datetime):
    prefixes = (kinds,) if isinstance(kinds, str) else kinds
    return (
        Job.status == JobStatus.QUEUED,
        Job.run_after <= now,
        or_(Job.claimed_until.is_(None), Job.claimed_until < now),
        or_(*(Job.kind.startswith(prefix, autoescape=True) for prefix in prefixes)),
    )


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def claim(prefix: Kinds, worker: str, limit: int = BATCH) -> tuple[list[Job], datetime]:
    """Claim up to `limit` due jobs for LEASE, commit the claim, and return the jobs and
    when the claim ends. Safe with several workers on either engine: the UPDATE takes
    only rows that are still unclaimed when it runs."""
    now = utcnow()
    candidates = (
        select(Job.id).where(*_due(prefix, now)).order_by(Job.run_after, Job.id).limit(limit)
    )
    ids = list(db.session.scalars(candidates))
    if not ids:
        db.session.rollback()
        return [], now
    db.session.execute(
        update(Job)
        .where(Job.id.in_(ids), *_due(prefix, now))
        .values(claimed_by=worker, claimed_until=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    mine = select(Job).where(Job.claimed_by == worker, Job.status == JobStatus.QUEUED)
    return list(db.session.scalars(mine.order_by(Job.run_after, Job.id))), now + LEASE


def _finish(job_id: int, worker: str, **values) -> None:
    """Record the outcome, if the claim is still ours; commit at once."""
    recorded = changed_rows(
        update(Job)
        .where(Job.id == job_id, Job.claimed_by == worker)
        .values(claimed_by=None, claimed_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if not recorded:
        current_app.logger.warning("job %d outlived its claim; it may run twice", job_id)


def _release(job_ids: list[int], worker: str) -> None:
    """Give back claimed jobs not started, so the next run takes them at once."""
    db.session.execute(
        update(Job)
        .where(Job.id.in_(job_ids), Job.claimed_by == worker)
        .values(claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _error_text(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}".strip()
    return text[:LONGEST_ERROR]


def _run_one(job: Job, batch: Batch, worker: str, outcome: Outcome) -> None:
    attempts = job.attempts + 1
    job_id, kind = job.id, job.kind
    try:
        status = HANDLERS[kind](job, batch) or JobStatus.DONE
    except Exception as error:
        db.session.rollback()
        _record_error(job_id, kind, attempts, worker, outcome, error)
        return
    _record_success(job_id, attempts, worker, outcome, status)


def _run_together(group: list[Job], batch: Batch, worker: str, outcome: Outcome) -> None:
    """Run jobs of one kind with its batch handler; record each one's outcome."""
    settled = [(job.id, job.kind, job.attempts + 1) for job in group]
    try:
        errors = BATCH_HANDLERS[group[0].kind](group, batch)
    except Exception as error:
        db.session.rollback()
        errors = {job_id: error for job_id, _kind, _attempts in settled}
    for job_id, kind, attempts in settled:
        if job_id in errors:
            _record_error(job_id, kind, attempts, worker, outcome, errors[job_id])
        else:
            _record_success(job_id, attempts, worker, outcome, JobStatus.DONE)


def _record_error(
    job_id: int, kind: str, attempts: int, worker: str, outcome: Outcome, error: Exception
) -> None:
    text = _error_text(error)
    if isinstance(error, Failed) or attempts >= MAX_ATTEMPTS:
        outcome.failed += 1
        ending = {"status": JobStatus.FAILED, "finished_at": utcnow()}
    else:
        outcome.retried += 1
        ending = {"run_after": utcnow() + retry_delay(attempts)}
    _finish(job_id, worker, attempts=attempts, last_error=text, **ending)
    if isinstance(error, ServiceDown):
        outcome.service_down = text
    elif not isinstance(error, Failed):
        current_app.logger.warning("job %d (%s) attempt %d: %s", job_id, kind, attempts, text)


def _record_success(
    job_id: int, attempts: int, worker: str, outcome: Outcome, status: JobStatus
) -> None:
    _finish(job_id, worker, status=status, attempts=attempts, last_error=None, finished_at=utcnow())
    if status == JobStatus.CANCELLED:
        outcome.cancelled += 1
    else:
        outcome.done += 1


def run_due(
    prefix: Kinds = "", *, batch_size: int = BATCH, stop: Callable[[], bool] = lambda: False
) -> Outcome:
    """Run every job of kinds starting with `prefix` that is due now, until none is
    left, the service they need is down, or `stop()` says so. Commits after each job."""
    outcome, worker = Outcome(), worker_name()
    while outcome.service_down is None and not stop():
        jobs, claimed_until = claim(prefix, worker, batch_size)
        if not jobs:
            break
        ids, batch, ran = [job.id for job in jobs], Batch(), set[int]()
        try:
            for position, job in enumerate(jobs):
                if job.id in ran:
                    continue  # it went with a batch of its kind
                ending = utcnow() >= claimed_until - LEASE_MARGIN
                if outcome.service_down is not None or ending or stop():
                    _release(ids[position:], worker)
                    break
                if job.kind in BATCH_HANDLERS:
                    group = [other for other in jobs[position:] if other.kind == job.kind]
                    ran.update(other.id for other in group)
                    _run_together(group, batch, worker, outcome)
                else:
                    _run_one(job, batch, worker, outcome)
        finally:
            batch.close()
    return outcome


def retry_now(job: Job) -> None:
    """Queue a failed job again with all its attempts ahead of it (an admin's choice)."""
    job.status = JobStatus.QUEUED
    job.attempts = 0
    job.run_after = utcnow()
    job.finished_at = None
    job.claimed_by = job.claimed_until = None
    db.session.flush()
