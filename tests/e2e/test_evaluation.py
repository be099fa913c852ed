"""The course evaluation in a real browser: invited on the completion page, answered
(after a try with nothing chosen), and its results read by an admin; axe checks each
page (WCAG 2.1 AA) in Finnish, Swedish and English."""

import pytest

from tests.e2e.test_accessibility import check
from tests.helpers.browser import create_learner, sign_in
from trainer.extensions import db

LANGUAGES = ("fi", "sv", "en")


def complete(app, user_id: int) -> None:
    from trainer.modules.certificates.operations import issue_certificate
    from trainer.modules.learning.models import CourseCompletion

    with app.app_context():
        db.session.add(CourseCompletion(user_id=user_id))
        db.session.flush()
        issue_certificate(user_id)
        db.session.commit()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_learner_answers_and_a_trainer_reads(live_app, new_page, language):
    names = [f"evaluation-{language}-{n}@example.org" for n in range(5)]
    problems: list[str] = []
    for number, email in enumerate(names):
        complete(live_app, create_learner(live_app, email, locale=language))
        page = new_page()
        sign_in(page, email)
        page.goto("/learn/completed")
        if number == 0:
            problems += check(page, "completion-invitation", language)
        with page.expect_navigation():
            page.click("main a[href='/learn/evaluation']")
        if number == 0:
            problems += check(page, "evaluation-form", language)
            with page.expect_navigation():  # nothing chosen: the errors
                page.click("main button[type=submit]")
            problems += check(page, "evaluation-errors", language)
        page.check("#statement-relevant-5")
        page.check("#statement-clear-4")
        page.fill("#comment", f"Comment {number} in {language}")
        with page.expect_navigation():
            page.click("main form[action='/learn/evaluation'] button[type=submit]")
        assert page.url.endswith("/learn/completed")
        assert page.locator("main a[href='/learn/evaluation']").count() == 0
        page.close()
    page = new_page()
    sign_in(page, "admin@example.org", "demopassword")
    page.click(f"header button[value={language}]")
    page.goto(f"/evaluation?language={language}")
    problems += check(page, "evaluation-results", language)
    assert page.locator(".evaluation-comments li").count() == 5
    assert problems == []
