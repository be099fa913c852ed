"""axe-core on a page in the browser tests: WCAG 2.1 A and AA, serious and critical.

Every page kind is checked in Finnish with every rule. In Swedish and English the two
colour rules (color-contrast and link-in-text-block) are left out: they measure the
stylesheet's colours, which are the same in every language, and they are three
quarters of axe's time on a long page. Every other rule runs in every language: the
lang attributes, the names of links, buttons and fields, the headings and landmarks,
which are what a translation can break.

The pages checked are listed at the end of the run and in
test-artifacts/accessibility.txt. With TRAINER_SCREENSHOTS=fi (or all) each page
checked in Finnish (or any language) is also photographed at desktop and phone width.
"""

from tests.helpers.browser import DESKTOP, PHONE, screenshot, wants_screenshots
from trainer.core.i18n import DEFAULT_LANGUAGE

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
COLOUR_RULES = ("color-contrast", "link-in-text-block")
COLOURS_CHECKED_IN = DEFAULT_LANGUAGE
CHECKED: list[str] = []


def axe_options(language: str = COLOURS_CHECKED_IN) -> dict:
    """Only violations are gathered in full: axe's passes and inapplicable rules list
    every node they looked at (axe's own default, which giving options replaces)."""
    options: dict = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations"],
    }
    if language != COLOURS_CHECKED_IN:
        options["rules"] = {rule: {"enabled": False} for rule in COLOUR_RULES}
    return options


def serious_violations(page, language: str = COLOURS_CHECKED_IN) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=axe_options(language))
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def check(page, kind: str, language: str) -> list[str]:
    """The page's serious violations, each named by the kind of page and language."""
    colours = "" if language == COLOURS_CHECKED_IN else " (colours: see fi)"
    CHECKED.append(f"{kind} [{language}] {page.url}{colours}")
    if wants_screenshots(language):
        for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
            page.set_viewport_size(viewport)
            screenshot(page, f"{kind}-{language}-{name}", language)
        page.set_viewport_size(DESKTOP)
    return [f"{kind} [{language}]: {v}" for v in serious_violations(page, language)]
