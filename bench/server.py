"""A real gunicorn server on a throw-away database, and HTTP clients that sign in.

Shared by the benchmarks that measure the app as users meet it. Stops by itself:
every loop is bounded in time, and the server is stopped on exit.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "benchmark password 1234"
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_environment(database_url: str, content_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TRAINER_ENV": "production",
        "TRAINER_SECRET_KEY": secrets.token_urlsafe(48),
        "TRAINER_DATABASE_URL": database_url,
        "TRAINER_CONTENT_DIR": str(content_dir),
        "TRAINER_MAIL_LOG_ONLY": "true",  # learners get no e-mail here
        # Every simulated learner signs in from 127.0.0.1.
        "TRAINER_LOGIN_LIMIT": "10000 per minute",
    }


def prepare_database(env: dict[str, str], learners: int) -> list[str]:
    """Migrate to head and create `learners` accounts; return their e-mails."""
    subprocess.run([BIN / "trainer", "db", "upgrade"], env=env, check=True, capture_output=True)
    emails = [f"bench{i}@example.org" for i in range(learners)]
    script = (
        "from trainer import create_app\n"
        "from trainer.extensions import db\n"
        "from trainer.modules.accounts.operations import create_user\n"
        "from trainer.modules.accounts.models import user_by_email\n"
        "import sys\n"
        "with create_app().app_context():\n"
        "    for email in sys.argv[1:]:\n"
        "        user_by_email(email) or create_user(email=email, name=email, locale='en',"
        f" password={PASSWORD!r})\n"
        "    db.session.commit()\n"
    )
    subprocess.run([BIN / "python", "-c", script, *emails], env=env, check=True)
    return emails


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 4):
    port = free_port()
    command = [BIN / "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen([*command, "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=env)
    try:
        wait_until_up(port)
        yield port, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def mail_worker(env: dict[str, str]):
    """`trainer mail work`, as deployed beside the servers: it draws certificates' PDFs
    (and would send the e-mails; here they are only logged)."""
    command = [BIN / "trainer", "mail", "work", "--poll", "1"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=60)


def wait_until_up(port: int, seconds: float = 120) -> None:
    """Each worker loads the course first: on a busy machine that takes a while."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Client(port).get("/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz in time")


class Client:
    """One signed-in browser: a cookie jar, and form posts with CSRF."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        headers = {"Cookie": cookie, "Accept-Language": "en"}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        # Sign-in sets more than the session cookie (the device cookie of
        # accounts.throttling): keep each by its name.
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        connection.close()
        return response.status, response.getheader("Location") or "", text

    def get(self, path: str) -> tuple[int, str, str]:
        return self.request("GET", path)

    def post(self, path: str, form: dict, token_from: str) -> tuple[int, str, str]:
        token = CSRF.search(token_from)[1]
        return self.request("POST", path, {**form, "csrf_token": token})

    def sign_in(self, email: str) -> None:
        page = self.get("/login")[2]
        status, _, _ = self.post("/login", {"email": email, "password": PASSWORD}, page)
        if status != 302:
            raise RuntimeError(f"sign-in of {email} answered {status}")


def temporary_sqlite() -> tuple[str, tempfile.TemporaryDirectory]:
    folder = tempfile.TemporaryDirectory(prefix="trainer-bench-")
    return f"sqlite:///{folder.name}/bench.sqlite", folder
