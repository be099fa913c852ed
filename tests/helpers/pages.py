"""The organisation a test configures, and the parts of a page it reads."""

import re

ORGANISATION = {
    "ORG_NAME": "Vastaanottopalvelut Oy",
    "ORG_URL": "https://vastaanotto.example.fi",
    "ORG_CONTACT_EMAIL": "koulutus@vastaanotto.example.fi",
    "ORG_ADDRESS": "Esimerkkikatu 1, 00100 Helsinki",
}


def lang_of(page: str) -> str:
    return re.search(r'<html lang="([^"]+)"', page)[1]


def main_of(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def footer_of(page: str) -> str:
    return page[page.index("<footer") : page.index("</footer>")]
