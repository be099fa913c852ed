"""The guided path in a real browser, as one journey through the small test course: a
visitor chooses Finnish before signing in (and keeps it), follows "continue" at the top
of the course, passes a quiz with lessons unread and is told which, takes "next module",
comes back for what is left, and the quiz that completes the course lands on the
completion page, whose certificate downloads and whose public check says valid."""

from pathlib import Path

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from tests.helpers.accessibility import check
from tests.helpers.app import TEST_COURSE, make_app
from tests.helpers.browser import create_learner, served, sign_in
from tests.helpers.journey import NEXT_LESSON, START_QUIZ, Mouse, answer
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.courses import catalogue

CONTINUE_COURSE = "main .course-progress a.button"
START_MODULE = "main .module-continue a.button"
NEXT_STEP = "main .result-summary a.button:not(.button-secondary)"
UNREAD = "main .result-summary .unread-lessons"


@pytest.fixture(scope="module")
def live_app(e2e_database):
    """The two-module test course on a live server (instead of the real course)."""
    with served(make_app(e2e_database, CONTENT_DIR=str(TEST_COURSE))) as app:
        yield app


def finnish(app, text: str) -> str:
    with app.test_request_context(), force_locale("fi"):
        return _(text)


def go(page, selector: str) -> None:
    """Follow a link or press a button, and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)


def read_on(page, module, lessons) -> None:
    """Read each lesson in turn with "Next", from the first of them."""
    for lesson in lessons:
        page.wait_for_url(f"**/learn/{module.id}/{lesson.id}")
        go(page, NEXT_LESSON)


def pass_quiz(page, app) -> None:
    go(page, START_QUIZ)
    answer(page, app, Mouse(page), right=True)


def test_the_guided_path_from_sign_in_to_a_verified_certificate(live_app, new_page):
    user_id = create_learner(live_app, "e2e-guided@example.org", locale="en")
    with live_app.app_context():
        first, last = catalogue().course("fi").modules
    page = new_page()
    page.goto("/")
    page.click("header button[value=fi]")  # before signing in: kept, and saved to the account
    sign_in(page, "e2e-guided@example.org")
    assert page.get_attribute("html", "lang") == "fi"
    with live_app.app_context():
        assert db.session.get(User, user_id).locale == "fi"

    # "Start" sits at the top of the course, above the syllabus.
    start = page.locator(CONTINUE_COURSE)
    assert start.bounding_box()["y"] < page.locator("main .module-card").first.bounding_box()["y"]
    go(page, CONTINUE_COURSE)
    read_on(page, first, first.lessons[:1])

    # The quiz passed with two lessons unread: the result names them, and leads on.
    page.goto(f"/learn/{first.id}/quiz")
    pass_quiz(page, live_app)
    page.locator(".result-passed").wait_for()
    unread = page.inner_text(UNREAD)
    assert finnish(live_app, "Still to read:") in unread
    assert all(lesson.title in unread for lesson in first.lessons[1:])
    assert first.lessons[0].title not in unread
    problems = check(page, "quiz-result-unread", "fi")
    assert last.title in page.inner_text(NEXT_STEP)
    go(page, NEXT_STEP)
    page.wait_for_url(f"**/learn/{last.id}")

    go(page, START_MODULE)
    read_on(page, last, last.lessons)
    page.wait_for_url(f"**/learn/{last.id}/quiz")

    # Back to the course: "continue" goes to what is left of the first module.
    page.goto("/learn")
    go(page, CONTINUE_COURSE)
    page.wait_for_url(f"**/learn/{first.id}/{first.lessons[1].id}")
    read_on(page, first, first.lessons[1:])

    # The quiz that completes the course lands on the completion page.
    page.goto("/learn")
    go(page, CONTINUE_COURSE)
    page.wait_for_url(f"**/learn/{last.id}/quiz")
    pass_quiz(page, live_app)
    page.wait_for_url("**/learn/completed")
    main = page.inner_text("main")
    assert finnish(live_app, "Congratulations, you have completed the course") in main
    assert finnish(live_app, "What to do next") in main
    problems += check(page, "completed", "fi")
    with page.expect_download() as download:
        page.click("main a[lang=fi][download]")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    verification = page.get_attribute("main a.verification-link", "href")
    assert verification.startswith(f"{live_app.config['BASE_URL']}/verify/")
    page.click("main a.verification-link")
    page.wait_for_url("**/verify/**")
    assert finnish(live_app, "This certificate is genuine and valid.") in page.inner_text("main")

    page.goto("/learn")
    assert page.locator("main a[href='/learn/completed']").is_visible()
    assert problems == [], "axe-core: serious or critical violations"
