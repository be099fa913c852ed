"""axe-core on every kind of trainers' page, in a real browser, against WCAG 2.1 A and AA.

Uses the end-to-end fixtures (the real course, the demo accounts, a live server);
skipped like them where Chromium is missing.
"""

import pytest

from tests.e2e import conftest as e2e
from tests.e2e.conftest import REAL_COURSE, sign_in
from tests.e2e.test_accessibility import serious_violations

browser = e2e.browser
e2e_database = e2e.e2e_database
live_app = e2e.live_app
base_url = e2e.base_url
new_page = e2e.new_page

MODULE_FILE = sorted(p.name for p in (REAL_COURSE / "en").glob("0*.md"))[0]
MODULE_ID = MODULE_FILE[3:-3]


def trainer_pages() -> list[str]:
    return [
        "/authoring/",
        f"/authoring/preview/fi/{MODULE_ID}",
        f"/authoring/preview/sv/{MODULE_ID}/quiz",
        f"/authoring/compare/{MODULE_ID}",
        f"/authoring/statistics/{MODULE_ID}",
        "/authoring/check",
    ]


def check_upload(page, text: str) -> None:
    page.goto("/authoring/check")
    page.select_option("#language", "en")
    page.select_option("#target", MODULE_FILE)
    page.fill("#text", text)
    page.click("main form button[type=submit]")


@pytest.mark.parametrize("language", ["fi", "en"])
def test_trainer_pages_have_no_serious_violations(live_app, new_page, language):
    page = new_page()
    sign_in(page, "trainer@example.org", "demopassword")
    page.click(f"header button[value={language}]")
    problems = []
    for url in trainer_pages():
        page.goto(url)
        problems += [f"{url}: {v}" for v in serious_violations(page)]
    page.goto(f"/authoring/preview/en/{MODULE_ID}")
    page.click("main .lesson-list a")
    problems += [f"lesson preview: {v}" for v in serious_violations(page)]
    published = (REAL_COURSE / "en" / MODULE_FILE).read_text(encoding="utf-8")
    check_upload(page, published)
    problems += [f"check passed: {v}" for v in serious_violations(page)]
    check_upload(page, published.replace("---", "--", 1))
    assert page.locator(".source-lines .has-problem").count() > 0
    problems += [f"check failed: {v}" for v in serious_violations(page)]
    check_upload(page, "")
    problems += [f"form errors: {v}" for v in serious_violations(page)]
    assert problems == [], "\n".join(problems)
