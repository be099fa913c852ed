"""The learner's journeys in a real browser through the real course: in Finnish on a
phone, and in Swedish by keyboard alone; no page scrolls sideways."""

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.browser import PHONE, create_learner, screenshot, sign_in
from tests.helpers.certificates import pdf_text
from tests.helpers.journey import Keyboard, Mouse, done_beforehand, take_course
from trainer.extensions import db
from trainer.modules.courses import QuestionKind, catalogue
from trainer.modules.learning.models import CourseCompletion


def completed(app, user_id: int) -> bool:
    with app.app_context():
        return (
            db.session.scalar(
                select(CourseCompletion.id).where(CourseCompletion.user_id == user_id)
            )
            is not None
        )


def kinds_of_page(app, language: str) -> tuple[str, ...]:
    """The modules that between them hold every kind of page the course has: the first
    (its quiz failed once, then passed), each with a branching case or an ordering
    question, and the last (the quiz that completes the course). The others are made
    of the same pages."""
    with app.app_context():
        modules = catalogue().course(language).modules
    return tuple(
        module.id
        for number, module in enumerate(modules)
        if number in (0, len(modules) - 1)
        or module.cases
        or any(question.kind is QuestionKind.ORDERING for question in module.quiz.questions)
    )


def test_learner_takes_the_course_in_finnish_on_a_phone(live_app, new_page):
    """The course at phone width, to the certificate and its check: the modules with
    every kind of page walked, the others done beforehand. (The guided path on a laptop,
    language switch included, is test_guided_path.py.)"""
    user_id = create_learner(live_app, "e2e-phone@example.org", locale="fi")
    page = new_page(PHONE)
    sign_in(page, "e2e-phone@example.org")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "Aloita kurssi" in page.inner_text("main")
    walked = kinds_of_page(live_app, "fi")
    done_beforehand(live_app, user_id, "fi", but=walked)
    take_course(page, live_app, "fi", Mouse(page), only=walked)
    assert completed(live_app, user_id)
    page.goto("/learn")
    assert "100 %" in page.inner_text("main")
    screenshot(page, "course-done-fi")
    with page.expect_navigation():
        page.click("main a[href='/certificates']")
    screenshot(page, "certificates-fi")
    with page.expect_download() as download:
        page.click("main a[lang=fi][download]")
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert "E2E-Phone" in pdf_text(pdf)
    with page.expect_navigation():
        page.click("main dd a[href*='/verify/']")
    assert "/verify/" in page.url
    screenshot(page, "verification-fi")
    assert "Voimassa" in page.inner_text("main")


# What a keyboard user meets: sign-in, lessons, a quiz failed and tried again, a branching
# case, and the quiz that completes the course. The modules between repeat those same
# controls, so they are done beforehand.
BY_KEYBOARD = ("what-is-trafficking", "working-together")


def test_learner_journey_by_keyboard_alone(live_app, new_page):
    user_id = create_learner(live_app, "e2e-keys@example.org", locale="sv")
    done_beforehand(live_app, user_id, "sv", but=BY_KEYBOARD)
    page = new_page()
    page.goto("/login")
    hands = Keyboard(page)
    hands.focus("#email")
    page.keyboard.type("e2e-keys@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery staple")
    hands.press("main button[type=submit]")
    take_course(page, live_app, "sv", hands, only=BY_KEYBOARD)
    assert completed(live_app, user_id)
    assert page.locator(".completion-certificate").count() == 1


def fits(page, width: int) -> None:
    """Nothing scrolls sideways, and every visible header control is on screen."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    for box in page.eval_on_selector_all(
        "header a, header button, header summary, header label",
        "els => els.filter(e => e.offsetParent).map(e => e.getBoundingClientRect().toJSON())",
    ):
        assert box["left"] >= 0 and box["right"] <= width, (page.url, box)


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_a_learner_reaches_scrolls_sideways_on_a_phone(live_app, signed_in, width):
    create_learner(live_app, f"e2e-narrow-{width}@example.org", locale="fi")
    page = signed_in(f"e2e-narrow-{width}@example.org", viewport={"width": width, "height": 800})
    with live_app.app_context():
        modules = catalogue().course("fi").modules
    case_module = next(m for m in modules if m.cases)
    urls = [
        "/learn",
        f"/learn/{modules[0].id}",
        f"/learn/{modules[0].id}/{modules[0].lessons[0].id}",
        f"/learn/{case_module.id}/{case_module.cases[0].id}",
        f"/learn/{modules[0].id}/quiz",
        "/certificates",
        "/account",
    ]
    for url in urls:
        page.goto(url)
        fits(page, width)
    page.goto(f"/learn/{modules[0].id}/quiz")
    page.click("main form[action$='/quiz'] button")
    page.wait_for_url("**/attempts/*")
    fits(page, width)
    page.click("header .menu-toggle-label")
    fits(page, width)
    assert page.is_visible("header .site-nav a[href='/learn']")
    page.click("header .user-menu summary")
    fits(page, width)
    assert page.is_visible("header .user-menu a[href='/account']")
