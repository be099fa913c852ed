"""Statements sent to a learning record store someone else wrote (Ralph LRS, on loopback)
and checked by a validator someone else wrote (Learning Locker's xapi-validation): a
learner's statements arrive and come back by agent, an outage loses none and doubles
none, wrong credentials show on the admin page and are tried again."""

import secrets
import subprocess
from datetime import timedelta

import pytest

from tests.helpers.app import AuthActions
from tests.helpers.mailbox import free_port
from tests.helpers.xapi import queued, queued_jobs, read_lessons, verbs, walk_course
from tests.interop.xapi.lrs import Ralph, problems_of, require_counterparts
from tests.test_outbox import ROOT, stop, trainer, wait_for, worker_environment
from trainer.core import jobs
from trainer.core.jobs import JobStatus
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.certificates.models import Certificate
from trainer.modules.certificates.operations import revoke_certificate
from trainer.modules.courses import catalogue
from trainer.modules.interop.xapi_sending import KIND, KIND_PREFIX


@pytest.fixture(scope="module")
def ralph(tmp_path_factory):
    require_counterparts()
    lrs = Ralph(tmp_path_factory.mktemp("ralph"))
    lrs.start()
    yield lrs
    lrs.stop()


@pytest.fixture
def app_settings(ralph):
    # Each test's learners are new agents to Ralph (ids restart with each test database).
    base = f"https://trainer-{secrets.token_hex(4)}.example.org"
    return {**ralph.settings, "BASE_URL": base, "MAIL_RETRY_SECONDS": 1}


def agent_of(app, user_id: int) -> dict:
    account = {"homePage": app.config["BASE_URL"], "name": str(user_id)}
    return {"objectType": "Agent", "account": account}


def send(runner) -> str:
    result = runner.invoke(args=["xapi", "send"])
    return result.output


def due_now() -> None:
    """Bring every waiting statement's next attempt to now, as time passing would."""
    for job in queued_jobs():
        job.run_after = utcnow() - timedelta(seconds=1)
    db.session.commit()


def test_a_learners_statements_reach_ralph_valid_and_come_back_by_agent(
    app, client, runner, users, ralph
):
    learner = users["learner"].id
    AuthActions(client).login()
    walk_course(client)
    certificate = db.session.query(Certificate).one()
    users_ids = {role: user.id for role, user in users.items()}
    revoke_certificate(certificate, users_ids["admin"], "Issued by mistake")
    db.session.commit()
    other = app.test_client()
    AuthActions(other).login("trainer@example.org")
    read_lessons(other, "recognising")
    sent = {s["id"]: s for s in queued() if s["actor"] == agent_of(app, learner)}

    assert problems_of(list(sent.values())) == [[] for _ in sent], "valid as we send them"
    output = send(runner)
    assert f"{len(queued())} sent" in output, output
    assert {job.status for job in queued_jobs()} == {JobStatus.DONE}

    stored = ralph.statements_of(agent_of(app, learner))
    assert sorted(s["id"] for s in stored) == sorted(sent), "each statement, once"
    assert sorted(verbs(stored)) == sorted(verbs(list(sent.values())))
    assert problems_of(stored) == [[] for _ in stored], "valid as Ralph gives them back"
    for statement in stored:
        ours = sent[statement["id"]]
        assert statement["object"] == ours["object"] and statement["verb"] == ours["verb"]
        assert statement.get("result") == ours.get("result")
    lessons = len(catalogue().module("en", "recognising").lessons)
    assert len(ralph.statements_of(agent_of(app, users_ids["trainer"]))) == lessons


def test_statements_wait_while_ralph_is_down_and_arrive_exactly_once(
    app, client, runner, users, ralph
):
    learner = users["learner"].id
    AuthActions(client).login()
    ralph.stop()
    try:
        read_lessons(client, "recognising")
        output = send(runner)
        assert "0 sent, 2 to retry" in output and "Connection refused" in output, output
        waiting = queued_jobs()
        assert {(j.status, j.attempts) for j in waiting} == {(JobStatus.QUEUED, 1)}
        assert all("learning record store" in j.last_error for j in waiting)
        read_lessons(client, "helping")  # more while it is away
        due_now()
        assert jobs.run_due(KIND_PREFIX).service_down, "still down"
    finally:
        ralph.start()
    due_now()
    ids = sorted(s["id"] for s in queued())
    assert jobs.run_due(KIND_PREFIX).done == len(ids) > 2
    assert sorted(s["id"] for s in ralph.statements_of(agent_of(app, learner))) == ids

    # A worker that sent them but died before recording it sends them again: Ralph keeps
    # one of each, as it must for statements with the same id and content.
    for job in queued_jobs():
        jobs.retry_now(job)
    db.session.commit()
    assert jobs.run_due(KIND_PREFIX).done == len(ids)
    assert sorted(s["id"] for s in ralph.statements_of(agent_of(app, learner))) == ids


def test_wrong_credentials_show_on_the_admin_page_and_are_tried_again(
    app, client, runner, users, ralph
):
    learner = users["learner"].id
    AuthActions(client).login()
    read_lessons(client, "helping")
    app.config["XAPI_PASSWORD"] = "not-the-password"
    assert "refused our credentials (HTTP 401)" in send(runner)
    admin = app.test_client()
    AuthActions(admin).login("admin@example.org")
    page = admin.get("/admin/xapi").get_data(as_text=True)
    assert page.count("refused our credentials (HTTP 401)") == 2
    assert page.count("Next attempt:") == 2
    assert ralph.statements_of(agent_of(app, learner)) == []

    app.config["XAPI_PASSWORD"] = ralph.password
    due_now()
    assert "2 sent" in send(runner)
    assert len(ralph.statements_of(agent_of(app, learner))) == 2
    page = admin.get("/admin/xapi?status=done").get_data(as_text=True)
    assert "refused our credentials" not in page


def test_a_statement_ralph_refuses_fails_alone_and_the_others_arrive(
    app, client, runner, users, ralph
):
    learner = users["learner"].id
    AuthActions(client).login()
    read_lessons(client, "helping")
    good = queued()
    broken = {**good[0], "id": "00000000-0000-4000-8000-000000000001"}
    del broken["verb"]
    jobs.enqueue_many(KIND, [({"statement": broken}, learner)])
    db.session.commit()
    outcome = jobs.run_due(KIND_PREFIX)
    assert (outcome.done, outcome.failed) == (2, 1)
    failed = [job for job in queued_jobs() if job.status == JobStatus.FAILED]
    assert len(failed) == 1 and failed[0].payload["statement"]["id"] == broken["id"]
    assert "refused (HTTP 4" in failed[0].last_error
    stored = ralph.statements_of(agent_of(app, learner))
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in good)


def test_the_worker_in_a_process_of_its_own_sends_statements_as_they_come(
    app, database_url, client, users, ralph
):
    learner = users["learner"].id
    settings = {**ralph.settings, "BASE_URL": app.config["BASE_URL"], "DATABASE_URL": database_url}
    env = {
        **worker_environment(database_url, free_port()),
        **{f"TRAINER_{key}": str(value).lower() if value is True else str(value)
           for key, value in settings.items()},
    }  # fmt: skip
    worker = subprocess.Popen(
        trainer("xapi", "work", "--poll", "0.2"),
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        AuthActions(client).login()
        read_lessons(client, "recognising")
        wait_for(lambda: {job.status for job in queued_jobs()} == {JobStatus.DONE}, 60)
    finally:
        output = stop(worker)
    assert worker.returncode == 0 and "xAPI worker stopped." in output, output
    stored = ralph.statements_of(agent_of(app, learner))
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in queued())
