"""The statements' queue as an admin sees and handles it, the settings that turn xAPI on,
and the worker command that refuses to run while it is off."""

import pytest

from tests.helpers.app import SECRET_KEY, TEST_COURSE
from tests.helpers.xapi import XAPI_ON, queued_jobs
from trainer.config import ConfigError, build_config
from trainer.core import jobs, mail
from trainer.core.jobs import JobStatus
from trainer.extensions import db
from trainer.modules.accounts.mails import RESET
from trainer.modules.learning.operations import mark_lesson_done


@pytest.fixture
def app_settings():
    return dict(XAPI_ON)


@pytest.fixture
def failed_statement(app, users):
    mark_lesson_done(users["learner"].id, "recognising", "definition")
    db.session.commit()
    (job,) = queued_jobs()
    job.status, job.attempts, job.last_error = JobStatus.FAILED, 10, "refused (HTTP 400): bad"
    db.session.commit()
    return job.id


def test_the_admin_sees_each_statement_in_words_with_its_failure(
    client, auth, users, failed_statement
):
    auth.login("admin")
    page = client.get("/admin/xapi").get_data(as_text=True)
    assert "experienced: What trafficking is" in page
    assert "Test Learner" in page and "refused (HTTP 400): bad" in page
    assert "http://127.0.0.1:9/xAPI" in page
    auth.logout()
    users["admin"].locale = "fi"
    db.session.commit()
    auth.login("admin")
    page = client.get("/admin/xapi?status=failed").get_data(as_text=True)
    assert "koki: Mitä ihmiskauppa on" in page


def test_a_failed_statement_is_queued_again_by_the_admin(client, auth, users, failed_statement):
    auth.login("admin")
    response = client.post(f"/admin/xapi/{failed_statement}/retry", data={"status": "failed"})
    assert response.status_code == 302
    (job,) = queued_jobs()
    assert (job.status, job.attempts) == (JobStatus.QUEUED, 0)


def test_every_failed_statement_is_queued_again_at_once(client, auth, users, failed_statement):
    mark_lesson_done(users["learner"].id, "recognising", "indicators")
    db.session.commit()
    auth.login("admin")
    assert client.post("/admin/xapi/retry-failed", data={}).status_code == 302
    assert [(j.status, j.attempts) for j in queued_jobs()] == [(JobStatus.QUEUED, 0)] * 2


def test_an_e_mail_or_a_made_up_id_is_no_statement_to_retry(client, auth, users):
    mail_job = mail.queue(RESET, {"token_id": 1}, user_id=users["learner"].id)
    db.session.commit()
    auth.login("admin")
    assert client.post(f"/admin/xapi/{mail_job.id}/retry", data={}).status_code == 404
    assert client.post("/admin/xapi/99999/retry", data={}).status_code == 404
    assert client.post("/admin/xapi/x/retry", data={}).status_code == 404
    assert db.session.get(jobs.Job, mail_job.id).status == JobStatus.QUEUED


def test_only_an_admin_sees_the_statements(client, auth, users, failed_statement):
    for role in ("learner", "trainer", "manager"):
        auth.login(role)
        assert client.get("/admin/xapi").status_code == 403
        assert client.post(f"/admin/xapi/{failed_statement}/retry", data={}).status_code == 403
        auth.logout()
    (job,) = queued_jobs()
    assert job.status == JobStatus.FAILED


def test_the_worker_refuses_to_run_while_xapi_is_off(app, runner):
    app.config["XAPI_ENABLED"] = False
    result = runner.invoke(args=["xapi", "send"])
    assert result.exit_code == 1 and "xAPI is off" in result.output


def _config(tmp_path, **settings):
    base = {"ENV": "testing", "SECRET_KEY": SECRET_KEY, "CONTENT_DIR": str(TEST_COURSE)}
    return build_config(tmp_path, {**base, **settings})


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"XAPI_ENABLED": True}, "TRAINER_XAPI_ENDPOINT is not set"),
        ({"XAPI_ENDPOINT": "ftp://lrs.example.org/xapi"}, "must be an http(s):// address"),
        ({"XAPI_ENDPOINT": "https://lrs.example.org/xapi?x=1"}, "must be an http(s):// address"),
        ({"XAPI_ACTOR": "name"}, "TRAINER_XAPI_ACTOR must be one of account, email"),
    ],
)
def test_settings_that_cannot_work_stop_the_start(tmp_path, settings, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _config(tmp_path, **settings)


def test_xapi_is_off_unless_turned_on(tmp_path):
    assert _config(tmp_path)["XAPI_ENABLED"] is False
    on = _config(tmp_path, XAPI_ENABLED=True, XAPI_ENDPOINT="https://lrs.example.org/xAPI/")
    assert on["XAPI_ACTOR"] == "account"
