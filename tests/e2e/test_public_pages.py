"""What a visitor sees before signing in, in a real browser: the front page, the privacy
notice and the accessibility statement in each language, checked with axe-core, at
phone widths without sideways scrolling; and the feedback form sent with JavaScript off."""

import pytest

from tests.helpers.accessibility import check
from tests.helpers.browser import DESKTOP
from trainer.core.i18n import LANGUAGES

ORGANISATION = {
    "ORG_NAME": "Vastaanottopalvelut Oy",
    "ORG_URL": "https://vastaanotto.example.fi",
    "ORG_CONTACT_EMAIL": "koulutus@vastaanotto.example.fi",
    "ORG_ADDRESS": "Esimerkkikatu 1, 00100 Helsinki",
}


@pytest.fixture(scope="module", autouse=True)
def organisation(live_app):
    live_app.config.update(ORGANISATION)


def choose_language(page, language: str) -> None:
    page.goto("/")
    with page.expect_navigation():
        page.click(f"header button[value={language}]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_have_no_serious_violations(new_page, language):
    page = new_page()
    choose_language(page, language)
    problems = check(page, "front", language)
    for kind in ("privacy", "accessibility"):
        page.goto(f"/{kind}")
        assert page.get_attribute("html", "lang") == language
        problems += check(page, kind, language)
    with page.expect_navigation():  # empty: the form answers with its errors
        page.click("#feedback button[type=submit]")
    problems += check(page, "feedback-errors", language)
    assert problems == []


@pytest.mark.parametrize("width", [320, 390])
def test_public_pages_never_scroll_sideways_on_a_phone(new_page, width):
    page = new_page({"width": width, "height": 800})
    for url in ("/", "/privacy", "/accessibility"):
        page.goto(url)
        document = page.evaluate("document.documentElement.scrollWidth")
        assert document <= width, f"{url} is {document} px wide at {width} px"


def test_feedback_is_sent_with_javascript_off(browser, base_url):
    context = browser.new_context(
        viewport=DESKTOP, base_url=base_url, locale="fi-FI", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/accessibility")
        assert page.get_attribute("html", "lang") == "fi"
        page.fill("#message", "Valikon kontrasti on liian heikko puhelimella.")
        page.fill("#email", "lukija@example.org")
        with page.expect_navigation():
            page.click("#feedback button[type=submit]")
        assert "Kiitos" in page.inner_text(".flashes")
    finally:
        context.close()
