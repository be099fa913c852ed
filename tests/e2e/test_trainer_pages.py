"""axe-core on every kind of trainers' page, in a real browser, against WCAG 2.1 A and AA.

Also the trainer's journey: preview a module, upload a broken file, see the messages.
"""

import pytest

from tests.helpers.accessibility import check
from tests.helpers.browser import REAL_COURSE
from trainer.core.i18n import LANGUAGES

MODULE_FILE = sorted(p.name for p in (REAL_COURSE / "en").glob("0*.md"))[0]
MODULE_ID = MODULE_FILE[3:-3]


# In every interface language: the trainers' front page, the checker and its report of a
# broken file, whose messages are in the trainer's language. In Finnish only: the report
# of a file that passes, the form's errors, the previews, statistics, the compare
# page and the guide, whose markup is the same in every language but for the header and
# footer that the other pages check in each (axe takes up to half a minute on the longest).
ONCE = (
    f"/authoring/preview/fi/{MODULE_ID}",
    f"/authoring/preview/sv/{MODULE_ID}/quiz",
    f"/authoring/statistics/{MODULE_ID}",
    f"/authoring/compare/{MODULE_ID}",
    "/authoring/guide",
)


def trainer_pages(language: str = "fi") -> list[str]:
    pages = ["/authoring/", "/authoring/check"]
    return pages + list(ONCE) if language == "fi" else pages


def check_upload(page, text: str) -> None:
    """Send the text to the checker as the English file of the module, uploaded as a
    trainer sends a file (nothing at all for no text: the form's errors). Pasting is
    test_checker_messages_in_the_ui_language_link_to_the_guide's."""
    page.goto("/authoring/check")
    page.select_option("#language", "en")
    if text:
        upload = {"name": MODULE_FILE, "mimeType": "text/markdown", "buffer": text.encode()}
        page.set_input_files("#upload", files=[upload])
    with page.expect_navigation():  # the report is a new page: read it only once it is there
        page.click("main form button[type=submit]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_trainer_pages_have_no_serious_violations(live_app, signed_in, language):
    page = signed_in("trainer@example.org", "demopassword", language=language)
    problems = []
    for url in trainer_pages(language):
        page.goto(url)
        problems += check(page, "authoring" + url.replace("/", "-").rstrip("-"), language)
    if language == "fi":
        page.goto(f"/authoring/preview/en/{MODULE_ID}")
        with page.expect_navigation():
            page.click("main .lesson-list a")
        problems += check(page, "authoring-lesson-preview", language)
    published = (REAL_COURSE / "en" / MODULE_FILE).read_text(encoding="utf-8")
    check_upload(page, published.replace("---", "--", 1))
    assert page.locator(".source-lines .has-problem").count() > 0
    assert "01-what-is-trafficking.md:" in page.inner_text("main")
    problems += check(page, "authoring-check-failed", language)
    if language == "fi":  # the same markup in every language, as ONCE
        check_upload(page, published)
        problems += check(page, "authoring-check-passed", language)
        check_upload(page, "")
        problems += check(page, "authoring-form-errors", language)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    ("language", "message", "guide_link"),
    [
        (
            "fi",
            "'quiz.pass_mark' on oltava kokonaisluku väliltä 1\u2013100",
            "Selitys oppaassa (englanniksi)",
        ),
        (
            "sv",
            "'quiz.pass_mark' ska vara ett heltal från 1 till 100",
            "Förklaring i guiden (på engelska)",
        ),
    ],
)
def test_checker_messages_in_the_ui_language_link_to_the_guide(
    live_app, signed_in, language, message, guide_link
):
    """A trainer working in Finnish or Swedish reads the checker's messages in that
    language, and each one opens the guide's section that explains it."""
    page = signed_in("trainer@example.org", "demopassword", language=language)
    published = (REAL_COURSE / language / MODULE_FILE).read_text(encoding="utf-8")
    page.goto("/authoring/check")
    page.select_option("#language", language)
    page.select_option("#target", MODULE_FILE)
    page.fill("#text", published.replace("pass_mark: 80", "pass_mark: 180", 1))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    problem = page.locator(".problems li", has_text=message)
    assert problem.count() == 1
    assert "must be a whole number" not in page.inner_text("main")
    problem.get_by_role("link", name=guide_link).click()
    page.wait_for_url("**/authoring/guide#front-matter_1")
    section = page.locator("#front-matter_1")
    assert section.is_visible()
    assert section.inner_text() == "Front matter"
    assert page.locator(".authoring-guide").get_attribute("lang") == "en"
