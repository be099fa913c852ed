"""The outbox: every e-mail is a job in the database, sent by `trainer mail work` (or
`trainer mail send` from cron) to a real SMTP server (aiosmtpd), retried with backoff,
and neither lost nor sent twice when the worker is killed or the server is down."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.app import SECRET_KEY, TEST_COURSE, make_app
from tests.helpers.mailbox import Mailbox, deliver, free_port
from trainer.config import ConfigError
from trainer.core import jobs
from trainer.core.jobs import Job, JobStatus
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.invitations import Purpose, issue
from trainer.modules.accounts.mails import queue_invitations, queue_reset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def mailbox():
    with Mailbox() as box:
        yield box


@pytest.fixture
def app_settings(mailbox):
    return {**mailbox.settings, "BASE_URL": "https://trainer.example.org"}


def queue_a_reset(user) -> Job:
    queue_reset(issue(user, Purpose.RESET))
    db.session.commit()
    return db.session.scalars(select(Job)).one()


def the_job() -> Job:
    db.session.expire_all()
    return db.session.scalars(select(Job)).one()


def test_a_queued_e_mail_is_sent_by_the_worker_with_a_stable_message_id(users, mailbox):
    job = queue_a_reset(users["learner"])
    assert mailbox.messages == [], "nothing is sent before the worker runs"
    assert deliver().done == 1
    (message,) = mailbox.messages
    assert message["To"] == "learner@example.org"
    assert message["Message-ID"].startswith(f"<job-{job.id}.")
    job = the_job()
    assert (job.status, job.attempts, job.claimed_by) == (JobStatus.DONE, 1, None)
    assert job.finished_at is not None
    assert deliver().done == 0 and len(mailbox.messages) == 1, "sent once"


def test_the_database_holds_no_working_link(users, mailbox):
    job = queue_a_reset(users["learner"])
    deliver()
    link = Mailbox.body(mailbox.messages[0]).split("/password/")[1].split()[0]
    assert link not in str(job.payload)


def test_a_server_that_is_down_gets_the_message_later_with_growing_waits(app, users, mailbox):
    app.config["SMTP_PORT"] = free_port()
    queue_a_reset(users["learner"])
    waits = []
    for attempt in range(1, 4):
        before = utcnow()
        outcome = deliver()
        assert outcome.service_down and "SMTP server 127.0.0.1" in outcome.service_down
        job = the_job()
        assert (job.status, job.attempts) == (JobStatus.QUEUED, attempt)
        waits.append(job.run_after - before)
        assert deliver().retried == 0, "not tried again before its time"
        job.run_after = utcnow() - timedelta(seconds=1)
        db.session.commit()
    base = timedelta(seconds=app.config["MAIL_RETRY_SECONDS"])
    assert [round(w / base) for w in waits] == [1, 2, 4]
    app.config["SMTP_PORT"] = mailbox.port
    assert deliver().done == 1
    assert len(mailbox.messages) == 1


def test_after_the_last_attempt_the_message_has_failed(app, users):
    app.config["SMTP_PORT"] = free_port()
    queue_a_reset(users["learner"])
    job = the_job()
    job.attempts = jobs.MAX_ATTEMPTS - 1
    db.session.commit()
    assert deliver().failed == 1
    assert the_job().status == JobStatus.FAILED


class Refusing(Mailbox):
    code = "550 5.1.1 No such mailbox"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return self.code


@pytest.mark.parametrize(
    ("code", "status"),
    [("550 5.1.1 No such mailbox", "failed"), ("451 4.3.0 Try again later", "queued")],
)
def test_a_refused_address_fails_at_once_a_busy_server_is_retried(app, users, code, status):
    with Refusing() as server:
        server.code = code
        app.config["SMTP_PORT"] = server.port
        queue_a_reset(users["learner"])
        deliver()
    job = the_job()
    assert (job.status, job.attempts) == (status, 1)
    assert code.split()[0] in job.last_error


def test_a_message_whose_link_was_used_meanwhile_is_not_sent(client, users, mailbox):
    pending = users["learner"]
    pending.password_hash = None
    queue_invitations([issue(pending, Purpose.INVITATION), issue(pending, Purpose.INVITATION)])
    db.session.commit()
    first, second = db.session.scalars(select(Job).order_by(Job.id)).all()
    first.run_after = utcnow() - timedelta(seconds=1)
    second.run_after = utcnow() + timedelta(hours=1)
    db.session.commit()
    deliver()
    link = Mailbox.body(mailbox.messages[0]).split("https://trainer.example.org")[1].split()[0]
    client.get(link)
    chosen = "a phrase of my very own"
    client.post("/password/new", data={"new_password": chosen, "confirm": chosen})
    second = db.session.get(Job, second.id)
    second.run_after = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert deliver().cancelled == 1
    assert len(mailbox.messages) == 1


def test_production_refuses_to_start_without_smtp(tmp_path):
    with pytest.raises(ConfigError, match="TRAINER_MAIL_LOG_ONLY=true"):
        make_app(f"sqlite:///{tmp_path}/x.sqlite", ENV="production")


def test_production_without_smtp_starts_when_told_to_log_only(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/x.sqlite", ENV="production", MAIL_LOG_ONLY=True)
    assert app.config["MAIL_LOG_ONLY"] is True


# The worker as a process of its own, as production runs it.


def worker_environment(database_url: str, smtp_port: int) -> dict[str, str]:
    return {
        **os.environ,
        "TRAINER_ENV": "testing",
        "TRAINER_SECRET_KEY": SECRET_KEY,
        "TRAINER_DATABASE_URL": database_url,
        "TRAINER_CONTENT_DIR": str(TEST_COURSE),
        "TRAINER_BASE_URL": "https://trainer.example.org",
        "TRAINER_SMTP_HOST": "127.0.0.1",
        "TRAINER_SMTP_PORT": str(smtp_port),
        "TRAINER_SMTP_STARTTLS": "false",
        "TRAINER_MAIL_RETRY_SECONDS": "1",
    }


def trainer(*args: str) -> list[str]:
    # The checkout's own code, whatever is installed.
    return [sys.executable, "-c", "from trainer.cli import main; main()", *args]


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        trainer("mail", "work", "--poll", "0.2"),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


def stop(worker: subprocess.Popen) -> str:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
    output, _ = worker.communicate(timeout=20)
    return output


def test_the_worker_sends_once_the_server_is_back(app, database_url, users):
    port = free_port()
    queue_a_reset(users["learner"])
    worker = start_worker(worker_environment(database_url, port))
    try:
        wait_for(lambda: the_job().attempts >= 1)
        assert "SMTP server" in the_job().last_error
        with Mailbox(port=port) as mailbox:
            wait_for(lambda: the_job().status == JobStatus.DONE)
            time.sleep(1.0)  # a second look at the queue sends nothing more
            assert [m["To"] for m in mailbox.messages] == ["learner@example.org"]
    finally:
        output = stop(worker)
    assert worker.returncode == 0, output
    assert "Mail worker stopped." in output


def test_a_message_survives_a_killed_worker_and_is_delivered_once(app, database_url, users, runner):
    with Mailbox() as mailbox:
        app.config["SMTP_PORT"] = mailbox.port
        mailbox.holding = True  # a slow server: the worker waits for its answer
        queue_a_reset(users["learner"])
        worker = start_worker(worker_environment(database_url, mailbox.port))
        try:
            wait_for(lambda: mailbox.data_started == 1)
        finally:
            worker.kill()
            worker.communicate(timeout=20)
        mailbox.holding = False
        time.sleep(0.2)
        assert mailbox.messages == [], "the server never confirmed it"
        job = the_job()
        assert job.status == JobStatus.QUEUED and job.claimed_by is not None
        assert deliver().done == 0, "another worker leaves it while the claim lasts"
        job.claimed_until = utcnow() - timedelta(seconds=1)  # the claim runs out
        db.session.commit()
        result = runner.invoke(args=["mail", "send"])
        assert result.exit_code == 0, result.output
        assert "1 sent." in result.output
        assert [m["To"] for m in mailbox.messages] == ["learner@example.org"]
        assert the_job().status == JobStatus.DONE
        assert deliver().done == 0 and len(mailbox.messages) == 1


def test_mail_send_for_cron_says_when_the_server_is_down(app, database_url, users, runner):
    app.config["SMTP_PORT"] = free_port()
    queue_a_reset(users["learner"])
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 1
    assert "0 sent, 1 to retry." in result.output
    assert "SMTP server 127.0.0.1" in result.output
