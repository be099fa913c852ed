"""An organisation to run the service, and a page's language and text."""

import re

import pytest

ORGANISATION = {
    "ORG_NAME": "Vastaanottopalvelut Oy",
    "ORG_URL": "https://vastaanotto.example.fi",
    "ORG_CONTACT_EMAIL": "koulutus@vastaanotto.example.fi",
    "ORG_ADDRESS": "Esimerkkikatu 1, 00100 Helsinki",
}


@pytest.fixture
def app_settings(tmp_path):
    """The organisation, and a folder of adapted pages of the test's own."""
    return {**ORGANISATION, "PAGES_DIR": str(tmp_path / "pages")}


def lang_of(page: str) -> str:
    return re.search(r'<html lang="([^"]+)"', page)[1]


def main_of(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def footer_of(page: str) -> str:
    return page[page.index("<footer") : page.index("</footer>")]
