"""Jobs of a kind registered with @batch_handler run together (xAPI statements go to a
record store many in one request): each claim's jobs in one call, each job's outcome
recorded on its own, an error raised for the batch recorded on every job."""

from sqlalchemy import select

from trainer.core import jobs
from trainer.core.jobs import Job, JobStatus
from trainer.extensions import db

CALLS: list[list[int]] = []
DOWN = {"now": False}


@jobs.batch_handler("test-batch.numbers")
def _numbers(claimed: list[Job], batch: jobs.Batch) -> dict[int, Exception]:
    CALLS.append([job.payload["n"] for job in claimed])
    if DOWN["now"]:
        raise jobs.ServiceDown("the store is away")
    return {job.id: jobs.Failed("odd") for job in claimed if job.payload["n"] % 2}


def _queue(count: int) -> None:
    jobs.enqueue_many("test-batch.numbers", [({"n": n}, None) for n in range(count)])
    db.session.commit()
    CALLS.clear()


def _states() -> list[tuple[int, str, int, str | None]]:
    db.session.expire_all()
    rows = db.session.scalars(select(Job).order_by(Job.id))
    return [(job.payload["n"], job.status, job.attempts, job.last_error) for job in rows]


def test_a_claim_runs_as_one_batch_and_each_job_gets_its_own_outcome(app):
    DOWN["now"] = False
    _queue(5)
    outcome = jobs.run_due("test-batch.")
    assert CALLS == [[0, 1, 2, 3, 4]]
    assert (outcome.done, outcome.failed) == (3, 2)
    assert _states() == [
        (0, JobStatus.DONE, 1, None),
        (1, JobStatus.FAILED, 1, "Failed: odd"),
        (2, JobStatus.DONE, 1, None),
        (3, JobStatus.FAILED, 1, "Failed: odd"),
        (4, JobStatus.DONE, 1, None),
    ]
    assert jobs.run_due("test-batch.").done == 0 and len(CALLS) == 1, "each ran once"


def test_batches_are_no_larger_than_a_claim(app):
    DOWN["now"] = False
    _queue(5)
    jobs.run_due("test-batch.", batch_size=2)
    assert CALLS == [[0, 1], [2, 3], [4]]


def test_a_batch_whose_service_is_down_waits_whole_and_stops_the_run(app):
    DOWN["now"] = True
    try:
        _queue(3)
        outcome = jobs.run_due("test-batch.", batch_size=2)
    finally:
        DOWN["now"] = False
    assert CALLS == [[0, 1]], "the run stops at the first outage"
    assert outcome.service_down == "ServiceDown: the store is away" and outcome.retried == 2
    states = _states()
    assert [s[1:3] for s in states] == [(JobStatus.QUEUED, 1)] * 2 + [(JobStatus.QUEUED, 0)]
    assert states[0][3] == "ServiceDown: the store is away"
