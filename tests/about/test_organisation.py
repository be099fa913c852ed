"""TRAINER_ORG_*: checked at start, shown in the header (with the logo) and footer, and
printed on the certificate as its issuer, which stays one A4 page."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.certificates.test_pdf import BOTTOM_MARGIN, LONG_CENTRE, LONG_NAME, text_box
from tests.helpers.certificates import issue_for, pdf_text, stored_pdf
from tests.helpers.pages import ORGANISATION
from trainer.config import ConfigError, build_config
from trainer.modules.certificates.rendering import verification_url

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
CERTIFIES = {"fi": "{} todistaa, että", "sv": "{} intygar att", "en": "{} certifies that"}
LONGEST_NAME = ("Maahanmuuttoviraston vastaanottoyksikkö ja Migrationsverkets mottagningsenhet, "
                "Helsingfors och Uleåborg, Suomi - Finland")[:120]  # fmt: skip
COURSE = Path(__file__).resolve().parents[2] / "content"


def settings(tmp_path, **values) -> dict:
    return {"ENV": "testing", "CONTENT_DIR": str(COURSE), **values}


@pytest.mark.parametrize(
    ("values", "complaint"),
    [
        ({"ORG_URL": "http://example.fi"}, "TRAINER_ORG_URL must be an https:// address"),
        ({"ORG_URL": "https://"}, "TRAINER_ORG_URL must be an https:// address"),
        ({"ORG_URL": "javascript:alert(1)"}, "TRAINER_ORG_URL must be an https:// address"),
        ({"ORG_CONTACT_EMAIL": "nobody"}, "TRAINER_ORG_CONTACT_EMAIL must be an e-mail"),
        ({"ORG_NAME": "Line\nbreak"}, "TRAINER_ORG_NAME must not hold line breaks"),
        ({"ORG_NAME": "x" * 121}, "TRAINER_ORG_NAME has more than 120 characters"),
        ({"ORG_LOGO": "missing.svg"}, "TRAINER_ORG_LOGO is"),
        ({"ORG_LOGO": "settings.txt"}, "which is not an image file"),
    ],
)
def test_a_malformed_organisation_setting_stops_the_start_with_a_message(
    tmp_path, values, complaint
):
    (tmp_path / "settings.txt").write_text("not an image")
    with pytest.raises(ConfigError, match=complaint):
        build_config(tmp_path, settings(tmp_path, **values))


def test_a_logo_in_the_instance_folder_is_found_and_pages_default_there(tmp_path):
    (tmp_path / "logo.svg").write_text(LOGO)
    config = build_config(tmp_path, settings(tmp_path, ORG_LOGO="logo.svg"))
    assert config["ORG_LOGO"] == str((tmp_path / "logo.svg").resolve())
    assert config["PAGES_DIR"] == str(tmp_path / "pages")


@pytest.fixture
def app_settings(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text(LOGO)
    return {**ORGANISATION, "ORG_LOGO": str(logo)}


def test_the_logo_is_served_and_shown_in_the_header(client):
    page = client.get("/").get_data(as_text=True)
    header = page[page.index("<header") : page.index("</header>")]
    assert '<img class="brand-logo" src="/organisation/logo" alt="">' in header
    response = client.get("/organisation/logo")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.data.decode() == LOGO
    response.close()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_certificate_names_its_issuer(users, language):
    text = pdf_text(stored_pdf(issue_for(users["learner"], language)))
    assert CERTIFIES[language].format(ORGANISATION["ORG_NAME"]) in text


@pytest.mark.parametrize(
    "app_settings",
    [{"CONTENT_DIR": str(COURSE), "ORG_NAME": LONGEST_NAME}],
)
def test_the_longest_issuer_with_long_names_keeps_the_certificate_on_one_page(users, centres):
    """On the real course, with the longest name, centre and issuer the checks allow."""
    learner = users["learner"]
    learner.name, centres["a"].name = LONG_NAME, LONG_CENTRE
    certificate = issue_for(learner, "fi")
    pdf = stored_pdf(certificate)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert CERTIFIES["fi"].format(LONGEST_NAME) in pdf_text(pdf)
    assert text_box(pdf, verification_url(certificate.code))[0] > BOTTOM_MARGIN


@pytest.mark.parametrize("app_settings", [{}])
def test_without_an_organisation_the_certificate_names_no_issuer(users):
    text = pdf_text(stored_pdf(issue_for(users["learner"], "en")))
    assert "This certifies that" in text
