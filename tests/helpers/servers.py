"""Real servers on loopback for the tests: redis-server, gunicorn as deployed, nginx in
front of several of them, and a client that talks HTTP to them as a browser would."""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers.app import TEST_COURSE

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_SERVER = shutil.which("redis-server")
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


@contextmanager
def running(command: list, port: int, stop=signal.SIGTERM, **popen) -> Iterator:
    """A server process, once it answers on `port`; stopped with `stop` afterwards
    (its whole process group, so that no worker outlives the test)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True, **popen)
    try:
        wait_for_port(port, process)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, stop)
            process.wait(timeout=30)


def kill(process: subprocess.Popen) -> None:
    """The server dies at once, workers and all, as when its machine goes down."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@contextmanager
def redis_server() -> Iterator[str]:
    port = free_port()
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    with running([*command, "--appendonly", "no"], port):
        yield f"redis://127.0.0.1:{port}/0"


def production_settings(database_url: str, storage_url: str, **more: str) -> dict[str, str]:
    """The environment of an app server as docs/operations.md deploys it."""
    return {
        **os.environ,
        "TRAINER_ENV": "production",
        "TRAINER_SECRET_KEY": secrets.token_urlsafe(48),
        "TRAINER_DATABASE_URL": database_url,
        "TRAINER_CONTENT_DIR": str(TEST_COURSE),
        "TRAINER_MAIL_LOG_ONLY": "true",
        "TRAINER_RATELIMIT_STORAGE_URL": storage_url,
        "TRAINER_TRUSTED_PROXIES": "1",
        **more,
    }


@contextmanager
def gunicorn(settings: dict[str, str], workers: int = 4) -> Iterator[tuple[int, subprocess.Popen]]:
    """The app as documented, on a free port; yields the port and the server's process."""
    port = free_port()
    command = [BIN / "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    # --preload: the app is built once before the workers fork, which only saves the
    # test the seconds of the workers loading it; each worker still counts alone.
    command += ["--preload", "--log-level", "warning", "wsgi:app"]
    with running(command, port, stop=signal.SIGQUIT, cwd=ROOT, env=settings) as process:
        yield port, process


NGINX_CONF = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
{user}
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{site}
}}
"""


@contextmanager
def nginx(site: str, port: int, folder: Path) -> Iterator[subprocess.Popen]:
    """nginx serving `site` (the `upstream` and `server` blocks of docs/operations.md)."""
    user = "user root;" if os.geteuid() == 0 else ""
    config = folder / "nginx.conf"
    config.write_text(NGINX_CONF.format(folder=folder, user=user, site=site))
    command = [NGINX, "-p", str(folder), "-c", str(config), "-g", "daemon off;"]
    with running(command, port, stop=signal.SIGQUIT) as process:
        yield process


class Browser:
    """One client, by HTTP: its own cookies, and its address in X-Forwarded-For as the
    proxy in front of the app would write it (or nothing, when a real proxy is there)."""

    def __init__(self, port: int, address: str | None = None) -> None:
        self.port, self.address, self.cookies = port, address, {}
        self.last_headers: http.client.HTTPMessage | None = None

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Accept-Language": "en",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if self.address:
            # What a client may claim itself comes first; the proxy appends what it saw.
            headers["X-Forwarded-For"] = f"198.51.100.250, {self.address}"
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        self.last_headers = response.msg
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        connection.close()
        return response.status, text

    def post_form(self, page: str, action: str, form: dict) -> tuple[int, str]:
        """Submit a form found on `page` (a GET first, for its CSRF token)."""
        token = CSRF.search(self.request("GET", page)[1])[1]
        return self.request("POST", action, {**form, "csrf_token": token})

    def sign_out(self) -> int:
        return self.post_form("/account", "/logout", {})[0]

    def sign_in(self, email: str, password: str) -> int:
        return self.post_form("/login", "/login", {"email": email, "password": password})[0]
