"""Ralph LRS (openfun) on loopback, and Learning Locker's xapi-validation, for the tests.

Both are installed by tests/interop/install (`make .venv/.installed-interop`) from this
folder's requirements.txt and package-lock.json; Ralph runs in this folder's own venv.
"""

import json
import os
import secrets
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from base64 import b64encode
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.mailbox import free_port

HERE = Path(__file__).resolve().parent
PYTHON = HERE / ".venv" / "bin" / "python"
RALPH = HERE / ".venv" / "bin" / "ralph"
VALIDATOR = HERE / "node_modules" / "xapi-validation"
START_SECONDS = 90


def require_counterparts() -> None:
    missing = [str(p) for p in (PYTHON, RALPH, VALIDATOR) if not p.exists()]
    if missing:
        pytest.fail(
            "The xAPI counterparts are not installed (missing: "
            f"{', '.join(missing)}). Run tests/interop/install, or make .venv/.installed-interop."
        )


class Ralph:
    """One Ralph LRS with the fs backend in `folder` and one HTTP Basic user. Statements
    stay in the folder when it is stopped and started again, as in a real outage."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.username, self.password = "trainer", secrets.token_urlsafe(16)
        self.env = {
            **os.environ,
            "RALPH_APP_DIR": str(folder),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "lrs"),
        }
        self.process: subprocess.Popen | None = None
        subprocess.run(
            [RALPH, "auth", "-u", self.username, "-p", self.password, "-s", "all",
             "-M", "mailto:lrs-admin@example.org", "-w"],
            env=self.env, cwd=folder, check=True, capture_output=True,
        )  # fmt: skip

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    @property
    def settings(self) -> dict[str, Any]:
        return {
            "XAPI_ENABLED": True,
            "XAPI_ENDPOINT": self.endpoint,
            "XAPI_USERNAME": self.username,
            "XAPI_PASSWORD": self.password,
        }

    def start(self) -> None:
        log = (self.folder / "ralph.log").open("ab")
        self.process = subprocess.Popen(
            [PYTHON, HERE / "ralph_server.py", str(self.port)],
            env=self.env, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph stopped: {(self.folder / 'ralph.log').read_text()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__"):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"Ralph did not start in {START_SECONDS} s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def statements_of(self, agent: dict[str, Any]) -> list[dict[str, Any]]:
        """Every statement Ralph holds about `agent`, read back through its xAPI API."""
        query = urllib.parse.urlencode({"agent": json.dumps(agent), "limit": 1000})
        token = b64encode(f"{self.username}:{self.password}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310 - our own http://127.0.0.1 address
            f"{self.endpoint}/statements?{query}",
            headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request) as answer:  # noqa: S310
            return json.load(answer)["statements"]


def problems_of(statements: list[dict[str, Any]]) -> list[list[str]]:
    """What xapi-validation finds wrong with each statement ([] when nothing)."""
    checked = subprocess.run(
        ["node", HERE / "validate.js"],
        input=json.dumps(statements), capture_output=True, text=True, check=True, cwd=HERE,
    )  # fmt: skip
    return json.loads(checked.stdout)
