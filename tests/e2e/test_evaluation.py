"""The course evaluation in a real browser: invited on the completion page, answered
(after a try with nothing chosen), and its results read by an admin; axe checks each
page (WCAG 2.1 AA) in Finnish, Swedish and English."""

import pytest

from tests.helpers.accessibility import check
from tests.helpers.browser import create_learner
from trainer.core.i18n import LANGUAGES
from trainer.extensions import db


def complete(app, user_id: int) -> None:
    from trainer.modules.certificates.operations import issue_certificate
    from trainer.modules.learning.models import CourseCompletion

    with app.app_context():
        db.session.add(CourseCompletion(user_id=user_id))
        db.session.flush()
        issue_certificate(user_id)
        db.session.commit()


def answered_without_browser(app, user_id: int, language: str, number: int) -> None:
    """An answer given through the evaluation's own operation, as the form gives it."""
    from trainer.modules.accounts.models import User
    from trainer.modules.courses import catalogue
    from trainer.modules.evaluation.operations import Answer, answer, invited_completion

    with app.app_context():
        course = catalogue().course(language)
        given = Answer({"relevant": 4, "clear": 3}, f"Comment {number} in {language}")
        answer(invited_completion(user_id), db.session.get(User, user_id), course, given)
        db.session.commit()


# Answers wait until their centre and language have five; four come in without the
# browser, the fifth through it, and the results show all five.
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_learner_answers_and_a_trainer_reads(live_app, signed_in, language):
    learners = []
    for number in range(5):
        email = f"evaluation-{language}-{number}@example.org"
        learners.append((email, create_learner(live_app, email, locale=language)))
        complete(live_app, learners[-1][1])
    for number, (_email, user_id) in enumerate(learners[:4]):
        answered_without_browser(live_app, user_id, language, number)
    problems: list[str] = []
    page = signed_in(learners[4][0])
    page.goto("/learn/completed")
    problems += check(page, "completion-invitation", language)
    with page.expect_navigation():
        page.click("main a[href='/learn/evaluation']")
    problems += check(page, "evaluation-form", language)
    with page.expect_navigation():  # nothing chosen: the errors
        page.click("main button[type=submit]")
    problems += check(page, "evaluation-errors", language)
    page.check("#statement-relevant-5")
    page.check("#statement-clear-4")
    page.fill("#comment", f"Comment 4 in {language}")
    with page.expect_navigation():
        page.click("main form[action='/learn/evaluation'] button[type=submit]")
    assert page.url.endswith("/learn/completed")
    assert page.locator("main a[href='/learn/evaluation']").count() == 0
    page.close()
    page = signed_in("admin@example.org", "demopassword", language=language)
    page.goto(f"/evaluation?language={language}")
    problems += check(page, "evaluation-results", language)
    assert page.locator(".evaluation-comments li").count() == 5
    assert f"Comment 4 in {language}" in page.inner_text("main")
    assert problems == []
