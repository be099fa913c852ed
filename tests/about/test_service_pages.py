"""The privacy notice and the accessibility statement: in fi, sv and en, linked from
every page, filled in with the organisation's details, adaptable by an admin with a
file in the instance folder, and rendered and sanitised like course text."""

import os
from pathlib import Path

import pytest

from tests.helpers.pages import ORGANISATION, footer_of, lang_of, main_of

TITLES = {
    ("privacy", "fi"): "Tietosuojaseloste",
    ("privacy", "sv"): "Dataskyddsbeskrivning",
    ("privacy", "en"): "Privacy notice",
    ("accessibility", "fi"): "Saavutettavuusseloste",
    ("accessibility", "sv"): "Tillgänglighetsutlåtande",
    ("accessibility", "en"): "Accessibility statement",
}
# What each must say, in each language (the Act 306/2019; GDPR Articles 13 and 14).
MUST_SAY = {
    "privacy": {
        "fi": ["Rekisterinpitäjä", "tietosuojavaltuutetulle", "90 päivän"],
        "sv": ["Personuppgiftsansvarig", "dataombudsmannen", "90 dagar"],
        "en": ["Controller", "Ombudsman", "90 days"],
    },
    "accessibility": {
        "fi": ["306/2019", "WCAG", "Traficom", "saavutettavuusvaatimukset.fi"],
        "sv": ["306/2019", "WCAG", "Traficom", "saavutettavuusvaatimukset.fi"],
        "en": ["306/2019", "WCAG", "Traficom", "saavutettavuusvaatimukset.fi"],
    },
}


@pytest.mark.parametrize(("name", "language"), sorted(TITLES))
def test_each_page_in_each_language(client, name, language):
    response = client.get(f"/{name}", headers={"Accept-Language": language})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert lang_of(page) == language
    main = main_of(page)
    assert f"<h1>{TITLES[name, language]}</h1>" in main
    for words in MUST_SAY[name][language]:
        assert words in main
    # The organisation's details, filled in where the page asks for them.
    assert ORGANISATION["ORG_NAME"] in main
    assert f'href="mailto:{ORGANISATION["ORG_CONTACT_EMAIL"]}"' in main
    assert "{" not in main, "a placeholder was left unfilled"


@pytest.mark.parametrize("url", ["/", "/login", "/verify", "/privacy"])
def test_every_page_links_to_both_in_its_footer(client, url):
    footer = footer_of(client.get(url).get_data(as_text=True))
    assert 'href="/privacy"' in footer
    assert 'href="/accessibility"' in footer


def test_signed_in_pages_link_to_both_too(client, auth, users):
    auth.login()
    footer = footer_of(client.get("/learn").get_data(as_text=True))
    assert 'href="/privacy"' in footer and 'href="/accessibility"' in footer
    assert 'href="/admin/feedback"' not in footer  # for admins only


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_admins_file_takes_the_place_of_the_default_in_its_language(app, client):
    folder = Path(app.config["PAGES_DIR"])
    write(
        folder,
        "privacy.sv.md",
        "---\ntitle: Vår dataskyddsbeskrivning\nupdated: 2026-03-05\n---\n\n"
        "## Register\n\nVi sparar bara det nödvändiga. Kontakt: {contact}.\n",
    )
    sv = main_of(client.get("/privacy", headers={"Accept-Language": "sv"}).get_data(as_text=True))
    assert "<h1>Vår dataskyddsbeskrivning</h1>" in sv
    assert "<h2>Register</h2>" in sv
    assert "Vi sparar bara det nödvändiga." in sv
    assert f'href="mailto:{ORGANISATION["ORG_CONTACT_EMAIL"]}"' in sv
    assert "5 mars 2026" in sv  # its date, as Swedish is written in Finland
    assert "Personuppgiftsansvarig" not in sv
    fi = main_of(client.get("/privacy", headers={"Accept-Language": "fi"}).get_data(as_text=True))
    assert "Rekisterinpitäjä" in fi, "the other languages keep their defaults"


def test_a_changed_file_shows_at_once(app, client):
    path = write(Path(app.config["PAGES_DIR"]), "accessibility.en.md", "First version.\n")
    assert "First version." in client.get("/accessibility").get_data(as_text=True)
    path.write_text("Second version, somewhat longer.\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    page = client.get("/accessibility").get_data(as_text=True)
    assert "Second version" in page and "First version" not in page
    assert 'name="message"' in page, "the feedback form stays below an adapted statement"


def test_an_adapted_page_is_sanitised_like_course_text(app, client):
    write(
        Path(app.config["PAGES_DIR"]),
        "privacy.en.md",
        "## Notice\n\n<script>alert(1)</script>\n\n"
        '<img src=x onerror="alert(2)">\n\n'
        "[a trap](javascript:alert(3)) and [a page](https://tietosuoja.fi)\n",
    )
    main = main_of(client.get("/privacy").get_data(as_text=True))
    assert "<script" not in main  # its text stays, as text
    assert "onerror" not in main and "<img" not in main
    assert "javascript:" not in main
    assert 'href="https://tietosuoja.fi"' in main


@pytest.mark.parametrize("app_settings", [{}])
def test_without_an_organisation_the_placeholders_read_as_plain_words(client):
    main = main_of(client.get("/privacy").get_data(as_text=True))
    assert "the administrators of this service" in main
    assert "The organisation has not given its contact details yet." in main
    assert "None" not in main and "{" not in main
