"""Password reset and account links: no e-mail inside a request, the same answer in the
same time for any address, a limit per account, links that end when the password
changes, and tokens in no log line."""

import http.client
import logging
import os
import re
import smtplib
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from tests.helpers.app import PASSWORD, SECRET_KEY, TEST_COURSE
from tests.helpers.mailbox import Mailbox, deliver, free_port
from trainer.core.jobs import Job
from trainer.extensions import db
from trainer.modules.accounts.invitations import Purpose, issue, link_for
from trainer.modules.accounts.operations import create_user, set_password

ROOT = Path(__file__).resolve().parents[2]
BASE_URL = "https://trainer.example.org"


@pytest.fixture
def mailbox():
    with Mailbox() as box:
        yield box


@pytest.fixture
def app_settings(mailbox):
    return {**mailbox.settings, "BASE_URL": BASE_URL}


@pytest.fixture
def no_smtp_in_requests(monkeypatch):
    """Any SMTP connection made while this is on fails the test."""
    opened = []

    def refuse(*args, **kwargs):
        opened.append(args)
        raise AssertionError("SMTP inside a request")

    monkeypatch.setattr(smtplib, "SMTP", refuse)
    yield opened
    monkeypatch.undo()


def forgot(client, email: str):
    return client.post("/password/forgot", data={"email": email})


def path_of(link: str) -> str:
    return link.removeprefix(BASE_URL)


def token_of(link: str) -> str:
    """The token in a link: /password/<token>?lang=fi."""
    return urlsplit(link).path.rsplit("/", 1)[1]


def link_in(message) -> str:
    return re.search(rf"{re.escape(BASE_URL)}(/password/\S+)", Mailbox.body(message))[1]


def test_the_reset_form_answers_in_the_same_time_for_any_address(client, centres, mailbox):
    known = [
        create_user(email=f"known{n}@example.org", name=f"Known {n}", password=PASSWORD)
        for n in range(5)
    ]
    db.session.commit()
    timings = {"known": [], "unknown": []}
    for n, person in enumerate(known):
        for kind, email in (("known", person.email), ("unknown", f"nobody{n}@example.org")):
            started = time.perf_counter()
            response = forgot(client, email)
            timings[kind].append(time.perf_counter() - started)
            assert response.status_code == 302
    known_ms = statistics.median(timings["known"]) * 1000
    unknown_ms = statistics.median(timings["unknown"]) * 1000
    assert abs(known_ms - unknown_ms) < 15, (known_ms, unknown_ms)
    assert mailbox.messages == [], "the request only queues"
    assert deliver().done == 5


def test_no_request_talks_to_the_mail_server(client, auth, users, centres, no_smtp_in_requests):
    forgot(client, "learner@example.org")
    pending = create_user(email="pending@example.org", name="Pending", centre=centres["a"])
    db.session.commit()
    auth.login("manager")
    client.post(f"/people/{pending.id}/invitation")
    assert no_smtp_in_requests == []
    assert db.session.scalars(select(Job.kind).order_by(Job.id)).all() == [
        "mail.reset",
        "mail.invitation",
    ]


def test_at_most_three_reset_links_an_hour_per_account(app, client, users, mailbox):
    app.config["RESET_ANSWER_SECONDS"] = 0  # this test is not about time
    for _ in range(25):
        assert forgot(client, "learner@example.org").status_code == 302
    forgot(client, "trainer@example.org")
    deliver()
    assert len(mailbox.to("learner@example.org")) == 3
    assert len(mailbox.to("trainer@example.org")) == 1


def test_a_reset_link_ends_when_the_password_changes_elsewhere(client, auth, users, mailbox):
    forgot(client, "learner@example.org")
    deliver()
    path = link_in(mailbox.messages[0])
    auth.login("learner")
    client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
        },
    )
    auth.logout()
    assert client.get(path).status_code == 404


def test_an_invitation_link_ends_when_a_password_is_set(client, centres):
    pending = create_user(email="pending@example.org", name="Pending", centre=centres["a"])
    path = path_of(link_for(issue(pending, Purpose.INVITATION)))
    db.session.commit()
    assert client.get(path).status_code == 302
    set_password(pending, "a phrase of my own choosing")
    db.session.commit()
    assert client.get(path).status_code == 404
    assert client.get("/password/new").status_code == 404, "not even from the session"


def test_the_link_page_moves_the_token_out_of_the_url(client, users):
    token_link = path_of(link_for(issue(users["learner"], Purpose.RESET)))
    token = token_of(token_link)
    db.session.commit()
    opened = client.get(token_link)
    assert opened.status_code == 302
    assert opened.headers["Location"] == "/password/new?lang=en"  # the person's language
    page = client.get(opened.headers["Location"])
    assert page.status_code == 200
    assert token not in page.get_data(as_text=True)
    chosen = "seven quiet herons at dawn"
    done = client.post("/password/new", data={"new_password": chosen, "confirm": chosen})
    assert done.status_code == 302
    with client.session_transaction() as session:
        assert token not in str(dict(session))


@pytest.mark.parametrize("app_settings", [{"SMTP_HOST": None, "MAIL_LOG_ONLY": True}])
def test_log_only_mail_never_logs_a_token(client, users, caplog):
    caplog.set_level(logging.INFO)
    forgot(client, "learner@example.org")
    assert deliver().done == 1
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "learner@example.org" in logged
    assert "/password/" not in logged


def get(port: int, path: str) -> int | None:
    """The status of a GET, without following redirects; None while nobody answers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


def test_no_token_in_gunicorn_s_access_log(app, database_url, users, tmp_path):
    token_link = path_of(link_for(issue(users["learner"], Purpose.RESET)))
    db.session.commit()
    access_log, port = tmp_path / "access.log", free_port()
    env = {
        **os.environ,
        "TRAINER_ENV": "production",
        "TRAINER_SECRET_KEY": SECRET_KEY,
        "TRAINER_DATABASE_URL": database_url,
        "TRAINER_CONTENT_DIR": str(TEST_COURSE),
        "TRAINER_BASE_URL": BASE_URL,
        "TRAINER_MAIL_LOG_ONLY": "true",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--access-logfile", str(access_log), "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while get(port, "/healthz") != 200:
            assert time.monotonic() < deadline and server.poll() is None, "no server"
            time.sleep(0.1)
        assert get(port, token_link) == 302
    finally:
        server.terminate()
        _out, errors = server.communicate(timeout=20)
    logged = access_log.read_text()
    assert 'GET /password/… HTTP/1.1" 302' in logged, logged
    token = token_of(token_link)
    assert token not in logged
    assert token not in errors
