"""axe-core on every kind of page, in each language, against WCAG 2.1 A and AA.

Fails on any violation of impact serious or critical; the pages checked are listed
at the end of the run and in test-artifacts/accessibility.txt. With
TRAINER_SCREENSHOTS=fi (or all) each page checked in Finnish (or any language) is also
photographed at desktop and phone width.
"""

import pytest

from tests.helpers.browser import (
    DESKTOP,
    PHONE,
    create_learner,
    screenshot,
    sign_in,
    wants_screenshots,
)
from tests.helpers.journey import SEND_ANSWERS, START_QUIZ, Mouse, answer

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Only violations are read, so only they are gathered in full: axe's passes and
# inapplicable rules list every node they looked at, and on a long page that was most
# of the run (axe's own default, which giving options replaces).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}
CHECKED: list[str] = []
LANGUAGES = ("fi", "sv", "en")


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def check(page, kind: str, language: str) -> list[str]:
    CHECKED.append(f"{kind} [{language}] {page.url}")
    if wants_screenshots(language):
        for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
            page.set_viewport_size(viewport)
            screenshot(page, f"{kind}-{language}-{name}", language)
        page.set_viewport_size(DESKTOP)
    return [f"{kind} [{language}]: {v}" for v in serious_violations(page)]


def learner_pages(page, app) -> list[tuple[str, str]]:
    """Visit each learner page kind; return (kind, url) pairs in visiting order."""
    module = "what-is-trafficking"
    page.goto(f"/learn/{module}")
    lesson = page.get_attribute("main .lesson-list a", "href")
    visits = [("course", "/learn"), ("module", f"/learn/{module}"), ("lesson", lesson)]
    visits.append(("quiz-start", f"/learn/{module}/quiz"))
    return visits


@pytest.mark.parametrize("language", LANGUAGES)
def test_learner_pages_have_no_serious_violations(live_app, new_page, language):
    email = f"axe-{language}@example.org"
    create_learner(live_app, email, locale=language)
    page = new_page()
    page.goto("/login")
    problems = check(page, "sign-in", language)
    sign_in(page, email)
    for kind, url in learner_pages(page, live_app):
        page.goto(url)
        problems += check(page, kind, language)
    page.goto("/learn/what-is-trafficking/quiz")
    with page.expect_navigation():
        page.click(START_QUIZ)
    problems += check(page, "quiz", language)
    with page.expect_navigation():
        page.click(SEND_ANSWERS)
    problems += check(page, "quiz-errors", language)
    answer(page, live_app, Mouse(page), right=False)
    problems += check(page, "quiz-result", language)
    page.goto("/account")
    problems += check(page, "settings", language)
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_pages_have_no_serious_violations(live_app, new_page, language):
    page = new_page()
    sign_in(page, "admin@example.org", "demopassword")
    page.click(f"header button[value={language}]")
    page.goto("/admin")
    problems = check(page, "admin", language)
    with page.expect_navigation():
        page.click("main table a")
    problems += check(page, "admin-user", language)
    queue_an_invitation(live_app)
    page.goto("/admin/mail")
    problems += check(page, "admin-mail", language)
    page.goto("/people/invitations")
    problems += check(page, "invitations", language)
    assert problems == []


def queue_an_invitation(app) -> None:
    """An invitation in the outbox, so the outbox's pages show a table."""
    from sqlalchemy import select

    from trainer.extensions import db
    from trainer.modules.accounts.invitations import Purpose, issue
    from trainer.modules.accounts.mails import queue_invitations
    from trainer.modules.accounts.models import Centre, user_by_email
    from trainer.modules.accounts.operations import create_user

    with app.app_context():
        email = "invited.e2e@example.org"
        centre = db.session.scalars(select(Centre).order_by(Centre.id)).first()
        invited = user_by_email(email) or create_user(email=email, name="Ina", centre=centre)
        queue_invitations([issue(invited, Purpose.INVITATION)])
        db.session.commit()
