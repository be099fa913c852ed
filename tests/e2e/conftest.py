"""End-to-end fixtures: the app on a real server on 127.0.0.1, driven by Debian's Chromium.

A missing browser is a clear skip on a developer's machine and a failure in CI
(CI=true), where .ci/run installs it. Screenshots go to test-artifacts/screenshots/.
"""

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import PASSWORD, make_app, new_migrated_database
from trainer.extensions import db

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
REAL_COURSE = ROOT / "content"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_missing_reason() -> str | None:
    if not CHROMIUM.exists():
        return "Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = browser_missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"end-to-end tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def e2e_database(tmp_path_factory) -> Iterator[str]:
    with new_migrated_database(tmp_path_factory.mktemp("e2e")) as url:
        yield url


@pytest.fixture(scope="module")
def live_app(e2e_database):
    """The app with the real course, its demo data, and a live server."""
    app = make_app(e2e_database, CONTENT_DIR=str(REAL_COURSE))
    with app.app_context():
        from trainer.demo import seed_accounts

        seed_accounts()
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # Links printed on certificates and in e-mails point at this server.
    app.config["LIVE_URL"] = app.config["BASE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def base_url(live_app) -> str:
    return live_app.config["LIVE_URL"]


@pytest.fixture
def new_page(browser, base_url):
    """Open a fresh browser context (its own cookies) at a viewport size."""
    contexts = []

    def open_page(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, base_url=base_url, locale="en-GB")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}px.png", full_page=True)


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()  # the next page, styles and all


def create_learner(app, email: str, locale: str = "en"):
    from sqlalchemy import select

    from trainer.modules.accounts.models import Centre, user_by_email
    from trainer.modules.accounts.operations import create_user

    with app.app_context():
        user = user_by_email(email)
        if user is None:
            centre = db.session.scalar(select(Centre).order_by(Centre.id).limit(1))
            user = create_user(
                email=email,
                name=email.split("@")[0].title(),
                locale=locale,
                centre=centre,
                password=PASSWORD,
            )
            db.session.commit()
        return user.id


def pytest_terminal_summary(terminalreporter):
    from tests.e2e.test_accessibility import CHECKED

    if CHECKED:
        report = ROOT / "test-artifacts" / "accessibility.txt"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text("\n".join(CHECKED) + "\n")
        terminalreporter.section("accessibility: pages checked with axe-core")
        for line in CHECKED:
            terminalreporter.write_line(line)
