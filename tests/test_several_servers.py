"""Several app servers behind nginx, sharing PostgreSQL and Redis, with one job worker,
as docs/operations.md ("Several app servers") deploys them.

A learner signs in and goes on across both servers; the sign-in limit counts across
them; one server dies in the middle of the learner's quiz and nginx sends the answers
to the other, where nothing is lost; the one mail worker sends what either server
queued, once.
"""

import re
import subprocess
import time
from contextlib import ExitStack

import pytest
from sqlalchemy import select

from tests.helpers.app import PASSWORD
from tests.helpers.database import POSTGRES_URL
from tests.helpers.mailbox import Mailbox
from tests.helpers.quizzes import form_for
from tests.helpers.servers import (
    BIN,
    NGINX,
    REDIS_SERVER,
    ROOT,
    Browser,
    free_port,
    gunicorn,
    kill,
    nginx,
    production_settings,
    redis_server,
)
from trainer.extensions import db
from trainer.modules.learning.models import LessonProgress
from trainer.modules.quizzes.models import QuizAttempt

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL, reason="several servers share PostgreSQL (TRAINER_TEST_DATABASE_URL)"
)

# The upstream and server blocks of docs/operations.md, on loopback and without TLS;
# X-Served-By tells the test which server answered.
SITE = """
    upstream trainer {{
        server 127.0.0.1:{first} max_fails=1 fail_timeout=60s;
        server 127.0.0.1:{second} max_fails=1 fail_timeout=60s;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://trainer;
            proxy_next_upstream error timeout;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            add_header X-Served-By $upstream_addr always;
        }}
    }}
"""
MODULE = "recognising"
LOGIN_LIMIT = 10


def served_by(browser: Browser) -> str:
    assert browser.last_headers is not None
    return browser.last_headers["X-Served-By"]


class Deployment:
    """Redis, two gunicorn servers, nginx in front and one mail worker, all real."""

    def __init__(self, stack: ExitStack, database_url: str, mailbox: Mailbox, folder) -> None:
        for program in (NGINX, REDIS_SERVER):
            assert program, "nginx and redis-server are needed (apt-get install nginx redis-server)"
        storage = stack.enter_context(redis_server())
        self.settings = production_settings(
            database_url,
            storage,
            TRAINER_MAIL_LOG_ONLY="false",
            TRAINER_SMTP_HOST="127.0.0.1",
            TRAINER_SMTP_PORT=str(mailbox.port),
            TRAINER_SMTP_STARTTLS="false",
            TRAINER_LOGIN_LIMIT=f"{LOGIN_LIMIT} per 10 minutes",
        )
        first, self.first = stack.enter_context(gunicorn(self.settings, workers=2))
        second, self.second = stack.enter_context(gunicorn(self.settings, workers=2))
        self.port = free_port()
        site = SITE.format(first=first, second=second, port=self.port)
        stack.enter_context(nginx(site, self.port, folder))
        self.servers = {f"127.0.0.1:{first}": self.first, f"127.0.0.1:{second}": self.second}
        worker = [BIN / "trainer", "mail", "work", "--poll", "0.2"]
        self.worker = subprocess.Popen(
            worker, cwd=ROOT, env=self.settings, stdout=subprocess.DEVNULL
        )
        stack.callback(self._stop_worker)

    def _stop_worker(self) -> None:
        self.worker.terminate()
        self.worker.wait(timeout=30)


@pytest.fixture
def deployment(app, users, database_url, tmp_path):
    with ExitStack() as stack:
        mailbox = stack.enter_context(Mailbox())
        yield Deployment(stack, database_url, mailbox, tmp_path), mailbox


def test_a_learner_goes_on_across_servers_and_survives_one_dying(deployment):
    site, _ = deployment
    learner = Browser(site.port)
    assert learner.sign_in("learner@example.org", PASSWORD) == 302
    # One session, both servers: each request may land on either.
    seen = set()
    for _ in range(6):
        assert learner.request("GET", f"/learn/{MODULE}")[0] == 200
        seen.add(served_by(learner))
    assert seen == set(site.servers)
    status, _ = learner.post_form(
        f"/learn/{MODULE}/definition", f"/learn/{MODULE}/definition/done", {}
    )
    assert status == 302

    # The quiz starts on one server...
    status, _ = learner.post_form(f"/learn/{MODULE}/quiz", f"/learn/{MODULE}/quiz", {})
    assert status == 302
    started_on = served_by(learner)
    attempt = db.session.scalar(select(QuizAttempt))
    answers = form_for(attempt, right=True)
    page = f"/attempts/{attempt.id}"
    assert learner.request("GET", page)[0] == 200

    # ...that server dies with everything on it, and the answers go to the other.
    kill(site.servers[started_on])
    status, _ = learner.post_form(page, page, answers)
    assert status == 302
    assert served_by(learner) != started_on
    status, result = learner.request("GET", page)
    assert status == 200 and "passed" in result.lower()

    db.session.expire_all()
    attempt = db.session.get(QuizAttempt, attempt.id)
    assert attempt.submitted_at is not None and attempt.is_passed
    assert len(attempt.answers) == len(attempt.drawn)
    read = db.session.scalars(select(LessonProgress.lesson_id)).all()
    assert read == ["definition"]


def test_the_sign_in_limit_counts_across_servers_and_one_worker_sends_the_mail(deployment):
    site, mailbox = deployment
    attacker = Browser(site.port)
    tries, servers = [], set()
    for n in range(LOGIN_LIMIT + 5):
        if n % 2:  # one more request moves nginx's turn: the failures land on both
            attacker.request("GET", "/healthz")
        tries.append(attacker.sign_in("manager@example.org", "wrong password!"))
        servers.add(served_by(attacker))
    assert servers == set(site.servers)
    assert tries.count(200) == LOGIN_LIMIT and tries.count(429) == 5, tries

    # A new-password link asked on whichever server; the one worker sends it, once.
    someone = Browser(site.port)
    status, _ = someone.post_form(
        "/password/forgot", "/password/forgot", {"email": "learner@example.org"}
    )
    assert status == 302
    for _ in range(100):
        if mailbox.to("learner@example.org"):
            break
        time.sleep(0.1)
    assert len(mailbox.to("learner@example.org")) == 1
    assert re.search(r"/password/\S+", Mailbox.body(mailbox.to("learner@example.org")[0]))
