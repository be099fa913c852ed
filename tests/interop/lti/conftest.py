"""LTI 1.3 counterparts: lti-provider-mock (PyPI, its own venv in tests/interop/lti/.venv)
run by uvicorn as the platform, and this app on a live server as the tool.

The mock signs with a key made at each start and always sends client_id
`lti-provider-mock`, deployment 1, no roles and no locale: a launch smoke test. The
refusals (forged, expired, wrong audience or nonce) need tokens the mock never makes;
those tests sign their own with a key published by a small JWKS server here."""

import json
import os
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, request
from jwcrypto.jwk import JWK
from jwcrypto.jwt import JWT
from werkzeug.serving import make_server

from tests.helpers.app import make_app, new_migrated_database
from tests.helpers.browser import (
    REAL_COURSE,
    served,
)
from trainer.extensions import db

HERE = Path(__file__).parent
MOCK_PYTHON = HERE / ".venv" / "bin" / "python"
MOCK_CLIENT_ID = "lti-provider-mock"
CENTRE = "Keskus LTI"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tool_key_file(folder: Path) -> Path:
    """The tool's own key, as an admin makes it with openssl (TRAINER_LTI_KEY_FILE)."""
    key = JWK.generate(kty="RSA", size=2048)
    path = folder / "lti-key.pem"
    path.write_bytes(key.export_to_pem(private_key=True, password=None))
    return path


@pytest.fixture(scope="module")
def lti_app(tmp_path_factory):
    """The app with the real course and a tool key on a live server, and a centre for
    launched people."""
    folder = tmp_path_factory.mktemp("lti")
    with new_migrated_database(folder) as url:
        app = make_app(url, CONTENT_DIR=str(REAL_COURSE), LTI_KEY_FILE=str(tool_key_file(folder)))
        with app.app_context():
            from trainer.modules.accounts.operations import create_centre

            create_centre(CENTRE)
            db.session.commit()
        with served(app):
            yield app


def register(app, issuer: str, client_id: str, key_set_url: str, login_url: str) -> None:
    from trainer.modules.interop.lti import register_platform

    with app.app_context():
        register_platform(
            name=f"Platform at {issuer}",
            issuer=issuer,
            client_id=client_id,
            key_set_url=key_set_url,
            auth_login_url=login_url,
            auth_token_url=f"{issuer}/token",
            deployment_ids=["1"],
            centre_name=CENTRE,
        )
        db.session.commit()


def wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback
                return
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"the LTI platform mock stopped:\n{log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"{url} did not answer in {seconds} s")
            time.sleep(0.2)


@pytest.fixture(scope="module")
def mock_platform(lti_app, tmp_path_factory) -> Iterator[str]:
    """lti-provider-mock on a free loopback port, launching into the live app; registered
    there as a platform. Yields its base URL."""
    if not MOCK_PYTHON.exists():
        pytest.fail(
            "lti-provider-mock is missing: run `make test` (tests/interop/install makes "
            "tests/interop/lti/.venv from requirements.txt)"
        )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    tool = lti_app.config["LIVE_URL"]
    settings = {
        "LTI_PROVIDER_MOCK__LTI__ISS": base,
        "LTI_PROVIDER_MOCK__LTI__LOGIN_URL": f"{tool}/interop/lti/login",
        "LTI_PROVIDER_MOCK__LTI__LAUNCH_URL": f"{tool}/interop/lti/launch",
        "LTI_PROVIDER_MOCK__USERS": json.dumps(
            [
                {
                    "id": "mock-user-17",
                    "given_name": "Aino",
                    "family_name": "Virtanen",
                    "email": "aino@example.org",
                }
            ]
        ),
        "LTI_PROVIDER_MOCK__COURSES": json.dumps([{"id": "course-1", "name": "Ihmiskauppa"}]),
    }
    folder = tmp_path_factory.mktemp("mock")  # no .env of ours is read there
    log = (folder / "mock.log").open("w")
    process = subprocess.Popen(
        [
            str(MOCK_PYTHON),
            "-m",
            "uvicorn",
            "lti_provider_mock.server:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=folder,
        env={**os.environ, **settings},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"{base}/jwks", process, folder / "mock.log")
        register(lti_app, base, MOCK_CLIENT_ID, f"{base}/jwks", f"{base}/authorize")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


class TestPlatform:
    """A platform's signing key, published at a JWKS URL on loopback, for tokens the
    mock never makes; and the two AGS endpoints the mock lacks: the OAuth 2 token
    endpoint, which checks the tool's signed client assertion against the tool's JWKS,
    and a line item's scores."""

    def __init__(self, tool_jwks_url: str) -> None:
        self.key = JWK.generate(kty="RSA", size=2048, kid="test-platform")
        self.tool_jwks_url = tool_jwks_url
        self.assertions: list[dict] = []
        self.scores: list[tuple[str, dict]] = []
        self.app = Flask(__name__)
        self.app.add_url_rule("/jwks", view_func=self.jwks)
        self.app.add_url_rule("/token", view_func=self.token, methods=["POST"])
        self.app.add_url_rule(
            "/lineitems/<int:number>/scores", view_func=self.score, methods=["POST"]
        )

    def jwks(self):
        return {"keys": [self.key.export_public(as_dict=True)]}

    def token(self):
        with urllib.request.urlopen(self.tool_jwks_url, timeout=5) as answer:  # noqa: S310
            tool_key = JWK(**json.load(answer)["keys"][0])
        assertion = JWT(jwt=request.form["client_assertion"], key=tool_key, algs=["RS256"])
        self.assertions.append(json.loads(assertion.claims))
        return {"access_token": "token-for-scores", "token_type": "Bearer", "expires_in": 3600}

    def score(self, number: int):
        self.scores.append((request.headers["Authorization"], request.get_json(force=True)))
        return {}


@pytest.fixture(scope="module")
def test_platform(lti_app) -> Iterator[tuple[TestPlatform, str]]:
    platform = TestPlatform(f"{lti_app.config['LIVE_URL']}/interop/lti/jwks.json")
    server = make_server("127.0.0.1", 0, platform.app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    register(lti_app, base, "trainer-tool", f"{base}/jwks", f"{base}/authorize")
    try:
        yield platform, base
    finally:
        server.shutdown()
