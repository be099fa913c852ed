"""The identity providers the tests sign in through, each a node script in this folder
run on 127.0.0.1 (oidc-provider, samlify; pinned in package.json), and the app served
on a port known before the app is built, since each side must name the other."""

import json
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import make_server

from tests.helpers.app import Client, make_app
from trainer.extensions import db

HERE = Path(__file__).resolve().parent
STARTUP_SECONDS = 30


def missing_counterpart() -> str | None:
    for package in ("oidc-provider", "samlify"):
        if not (HERE / "node_modules" / package).is_dir():
            return (
                f"{package} is not installed in tests/interop/identity: run "
                "`make .venv/.installed-interop` (tests/interop/install)"
            )
    return None


@contextmanager
def node_server(script: str, config: dict, folder: Path) -> Iterator[str]:
    """Run `node script config.json` until the block ends; yield the address it prints
    after "ready "."""
    config_file = folder / f"{Path(script).stem}.json"
    config_file.write_text(json.dumps(config))
    process = subprocess.Popen(
        ["node", str(HERE / script), str(config_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=HERE,
    )
    lines: list[str] = []
    ready = threading.Event()
    address: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if line.startswith("ready ") and not ready.is_set():
                address.append(line.split()[1])
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not ready.wait(STARTUP_SECONDS):
            raise RuntimeError(f"{script} did not start:\n{''.join(lines)}")
        yield address[0]
    finally:
        process.terminate()
        process.wait(10)
        reader.join(10)
        assert process.stdout is not None
        process.stdout.close()


class LaterApp:
    """A WSGI app that is the real one once it has been built."""

    def __init__(self) -> None:
        self.app = None

    def __call__(self, environ, start_response):
        assert self.app is not None
        return self.app(environ, start_response)


@contextmanager
def app_server() -> Iterator[tuple[str, LaterApp]]:
    later = LaterApp()
    server = make_server("127.0.0.1", 0, later, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", later
    finally:
        server.shutdown()


def serve_app(later: LaterApp, address: str, database_url: str, providers: Path):
    app = make_app(database_url, IDENTITY_PROVIDERS=str(providers), BASE_URL=address)
    app.config["LIVE_URL"] = address
    app.test_client_class = Client
    later.app = app
    return app


def dispose(app) -> None:
    with app.app_context():
        db.engine.dispose()
