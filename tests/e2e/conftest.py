"""End-to-end fixtures: the app on a real server on 127.0.0.1, driven by Debian's Chromium.

The browser is the session's one Chromium (tests/conftest.py). Screenshots go to test-artifacts/screenshots/."""

from collections.abc import Iterator

import pytest

from tests.helpers.app import PASSWORD, make_app, new_migrated_database
from tests.helpers.browser import DESKTOP, REAL_COURSE, ROOT, served, session_cookie
from trainer.extensions import db


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
    with served(app):
        yield app


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


@pytest.fixture
def signed_in(new_page, live_app):
    """Open a page in a fresh browser context already signed in as the person, in the
    language if one is given.

    The session comes from the forms posted by the app's test client, its cookie handed
    to the browser: filling in the sign-in form costs a second of the browser's time,
    and doing it is the journeys' part (test_learner, test_guided_path, test_manager,
    test_page_widths); the language switcher is used in test_guided_path and
    test_public_pages."""

    def open_signed_in(email: str, password: str = PASSWORD, viewport=DESKTOP, language=""):
        page = new_page(viewport)
        page.context.add_cookies([session_cookie(live_app, email, password, language)])
        return page

    return open_signed_in


def pytest_terminal_summary(terminalreporter):
    from tests.helpers.accessibility import CHECKED

    if CHECKED:
        report = ROOT / "test-artifacts" / "accessibility.txt"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text("\n".join(CHECKED) + "\n")
        terminalreporter.section("accessibility: pages checked with axe-core")
        for line in CHECKED:
            terminalreporter.write_line(line)
