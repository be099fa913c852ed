"""A learner's way through the real course in a browser, by mouse or by keyboard alone."""

import re

from tests.helpers.quizzes import form_for
from trainer.extensions import db
from trainer.modules.courses import catalogue
from trainer.modules.quizzes.models import QuizAttempt

NEXT_LESSON = "main button[name=then][value=next]"
FIRST_CHOICE = "main .case-choices button[name=choice]"
AFTER_CASE = "main .lesson-nav a.button:not(.button-secondary)"
START_QUIZ = "main form[action$='/quiz'] button"
SEND_ANSWERS = "main form[action^='/attempts/'] button[type=submit]"
TRY_AGAIN = "main .result-summary form button"


class Mouse:
    """Clicks, fills and picks, as most people do."""

    def __init__(self, page) -> None:
        self.page = page

    def press(self, selector: str) -> None:
        """Click a link or button; every one we press loads a page, waited for, so the
        next look at the page sees the new one (a case step, say), never the old."""
        with self.page.expect_navigation():
            self.page.click(selector)

    def check(self, selector: str) -> None:
        self.page.check(selector)

    def choose(self, selector: str, value: str) -> None:
        self.page.select_option(selector, value)


class Keyboard(Mouse):
    """Tab to each control and use it with the keys a keyboard user has."""

    MAX_TABS = 400

    def focus(self, selector: str) -> None:
        for _ in range(self.MAX_TABS):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{selector} cannot be reached with Tab")

    def press(self, selector: str) -> None:
        """Activate a link or button; every one we press loads a page."""
        self.focus(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def check(self, selector: str) -> None:
        self.focus(selector)
        if not self.page.is_checked(selector):
            self.page.keyboard.press("Space")

    def choose(self, selector: str, value: str) -> None:
        self.focus(selector)
        self.page.keyboard.press(value)


def attempt_id(page) -> int:
    page.wait_for_url("**/attempts/*")
    return int(re.search(r"/attempts/(\d+)", page.url)[1])


def answer(page, app, hands: Mouse, *, right: bool) -> None:
    """Fill in the open attempt's form: every answer right, or every one wrong."""
    with app.app_context():
        data = form_for(db.session.get(QuizAttempt, attempt_id(page)), right=right)
    for name, value in data.items():
        if "-step" in name:
            hands.choose(f"#{name}", value)
        else:
            for shown in value:
                if (
                    isinstance(hands, Keyboard)
                    and page.get_attribute(f"#{name}-{shown}", "type") == "radio"
                ):
                    _pick_radio(page, hands, name, int(shown))
                else:
                    hands.check(f"#{name}-{shown}")
    hands.press(SEND_ANSWERS)


def _pick_radio(page, hands: Keyboard, name: str, shown: int) -> None:
    """Tab into the radio group, then move to the option with the arrow keys."""
    hands.focus(f"input[name={name}]")
    for _ in range(8):
        if page.is_checked(f"#{name}-{shown}"):
            return
        page.keyboard.press(
            "ArrowDown" if page.evaluate("document.activeElement.checked") else "Space"
        )
    raise AssertionError(f"could not choose option {shown} of {name} by keyboard")


def take_module(page, app, module, hands: Mouse, *, fail_first: bool = False) -> None:
    page.goto(f"/learn/{module.id}")
    hands.press(f"main a[href='/learn/{module.id}/{module.lessons[0].id}']")
    for lesson in module.lessons:
        if lesson.case is None:
            hands.press(NEXT_LESSON)
        else:
            walk_case(page, hands)

    page.wait_for_url(f"**/learn/{module.id}/quiz")
    hands.press(START_QUIZ)
    page.wait_for_url("**/attempts/*")
    if fail_first:
        answer(page, app, hands, right=False)
        page.locator(".result-failed").wait_for()  # waits for the result page
        hands.press(TRY_AGAIN)
    answer(page, app, hands, right=True)
    # A pass shows its result; the pass that completes the course, the completion page.
    page.locator(".result-passed, .completion-certificate").wait_for()


def take_course(page, app, language: str, hands: Mouse, only: tuple[str, ...] = ()) -> None:
    """Every module in order, the first quiz failed once; or, given `only`, those modules
    alone (the caller has had the others done_beforehand)."""
    with app.app_context():
        modules = catalogue().course(language).modules
    taken = [module for module in modules if not only or module.id in only]
    for number, module in enumerate(taken):
        take_module(page, app, module, hands, fail_first=number == 0)


def done_beforehand(app, user_id: int, language: str, but: tuple[str, ...]) -> None:
    """Every module of the course but those in `but` done through the modules' own
    operations: each lesson read and the quiz passed."""
    from tests.helpers.progress import read, sit_quiz
    from trainer.modules.accounts.models import User

    with app.app_context():
        user = db.session.get(User, user_id)
        for module in catalogue().course(language).modules:
            if module.id not in but:
                read(user, module.id, *(lesson.id for lesson in module.lessons))
                sit_quiz(user, module.id, 100.0)
        db.session.commit()


def walk_case(page, hands: Mouse) -> None:
    """Take the first choice at every step until the case ends, then go on."""
    while page.locator(FIRST_CHOICE).count():
        hands.press(FIRST_CHOICE)
    page.locator(".case-ending").wait_for()
    hands.press(AFTER_CASE)
