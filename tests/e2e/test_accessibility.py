"""axe-core on every kind of a learner's and an admin's page, in each language, against
WCAG 2.1 A and AA (tests/helpers/accessibility.py says how)."""

import pytest

from tests.helpers.accessibility import check
from tests.helpers.browser import create_learner, session_cookie
from tests.helpers.journey import SEND_ANSWERS, START_QUIZ, Mouse, answer
from trainer.core.i18n import LANGUAGES


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
    with page.expect_navigation():  # the browser asks for English
        page.click(f"header button[value={language}]")
    assert page.get_attribute("html", "lang") == language
    problems = check(page, "sign-in", language)
    page.context.add_cookies([session_cookie(live_app, email)])
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
def test_admin_pages_have_no_serious_violations(live_app, signed_in, language):
    page = signed_in("admin@example.org", "demopassword", language=language)
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
