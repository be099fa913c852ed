"""Steps in Debian's Chromium: the sizes of screens, signing in, screenshots."""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from werkzeug.serving import make_server

from tests.helpers.app import PASSWORD, AuthActions, Client
from trainer.core import jobs
from trainer.extensions import db
from trainer.modules.certificates.operations import RENDER_KIND

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


# Pictures of the pages the browser tests see, for a person to look at: none unless asked
# for (they took a quarter of the browser tests' time); TRAINER_SCREENSHOTS=fi for
# the Finnish pages, TRAINER_SCREENSHOTS=all for every language.
SCREENSHOTS_OF = os.environ.get("TRAINER_SCREENSHOTS", "")


def wants_screenshots(language: str) -> bool:
    return SCREENSHOTS_OF in (language, "all")


# A page longer than this many screens is photographed one screen deep: a full-page
# shot of the authoring guide on a phone takes longer than checking the page.
LONGEST_SHOT = 4


def screenshot(page, name: str, language: str = "fi") -> None:
    """A picture of the page for a person to look at, if asked for in `language`."""
    if not wants_screenshots(language):
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state()  # a click may just have started the next page
    size = page.viewport_size
    height = page.evaluate("document.documentElement.scrollHeight")
    whole = height <= LONGEST_SHOT * size["height"]
    page.screenshot(path=SCREENSHOTS / f"{name}-{size['width']}px.png", full_page=whole)


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():  # the next page, styles and all
        page.click("main button[type=submit]")


def session_cookie(app: Flask, email: str, password: str = PASSWORD, language: str = "") -> dict:
    """The cookie of a session signed in as the person (and, if given, switched to the
    language), made by posting the forms with the app's test client, for a browser
    context to be given."""
    client = Client(app, app.response_class, use_cookies=True)
    response = AuthActions(client).login(email, password)
    assert response.status_code == 302, f"{email} could not sign in: {response.status}"
    if language:
        assert client.post("/language", data={"locale": language}).status_code == 302
    name = app.config["SESSION_COOKIE_NAME"]
    cookie = client.get_cookie(name)
    assert cookie is not None
    return {"name": name, "value": cookie.value, "url": app.config["LIVE_URL"]}


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


@contextmanager
def served(app) -> Iterator[Flask]:
    """The app on a live server on 127.0.0.1, for as long as the block runs, with a worker
    drawing certificates' PDFs as `trainer mail work` does (e-mails stay queued for the
    tests to read). Links printed on certificates and in e-mails point at this server."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app.config["LIVE_URL"] = app.config["BASE_URL"] = f"http://127.0.0.1:{server.server_port}"
    stopping = threading.Event()
    worker = threading.Thread(target=draw_certificates, args=(app, stopping), daemon=True)
    worker.start()
    try:
        yield app
    finally:
        stopping.set()
        worker.join(30)
        server.shutdown()
        with app.app_context():
            db.engine.dispose()


def draw_certificates(app: Flask, stopping: threading.Event) -> None:
    with app.app_context():
        while not stopping.is_set():
            jobs.run_due(RENDER_KIND, stop=stopping.is_set)
            db.session.remove()
            stopping.wait(0.3)
