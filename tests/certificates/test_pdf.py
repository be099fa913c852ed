"""The PDF itself, read back: what it prints, what it declares, and what it never loads."""

import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2
import pytest
import zxingcpp
from babel.dates import format_date
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from tests.helpers.certificates import issue_for, path_of, pdf_text, stored_pdf
from trainer.modules.certificates import fetcher
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.fetcher import AssetFetcher, RefusedURL, asset
from trainer.modules.certificates.pdf import RenderingError, _stylesheet, write_pdf
from trainer.modules.certificates.rendering import verification_url
from trainer.modules.courses import catalogue

HELSINKI = ZoneInfo("Europe/Helsinki")


def xmp(reader: PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_pdf_prints_name_course_dates_and_code_in_the_learners_language(users, language):
    certificate = issue_for(users["learner"], language)
    assert certificate.language == language
    text = pdf_text(stored_pdf(certificate))
    course = catalogue().course(language)
    assert "Test Learner" in text
    assert course.title in text
    assert course.modules[0].title in text
    assert display_code(certificate.code) in text
    for moment in (certificate.issued_at, certificate.expires_at):
        # Dates as written in Finland, in each language (en_FI: "5 March 2025").
        assert format_date(moment.astimezone(HELSINKI), "long", locale=f"{language}_FI") in text
    assert verification_url(certificate.code) in text


LONG_NAME = "Aino-Maria Johanna Ääkkönen-Östman von Hertzen-Wahlström"
LONG_CENTRE = "Helsingin kaupungin Punavuoren vastaanottokeskuksen alaikäisten yksikkö ja tukiasumisen palvelut"
BOTTOM_MARGIN = 14 / 25.4 * 72  # the page's bottom margin, in points
COURSE = Path(__file__).resolve().parents[2] / "content"


def text_box(pdf: bytes, text: str) -> tuple[float, float]:
    """The bottom and top, in points from the page's foot, of where `text` is printed."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0].get_textpage()
        found = page.search(text).get_next()
        assert found, f"{text!r} is not printed"
        boxes = [page.get_charbox(found[0] + i) for i in range(found[1])]
    finally:
        document.close()
    return min(box[1] for box in boxes), max(box[3] for box in boxes)


@pytest.mark.parametrize("app_settings", [{"CONTENT_DIR": str(COURSE)}])
def test_long_names_push_the_footer_down_and_everything_stays_on_the_page(users, centres):
    """On the real course's certificate, which fills the page."""
    learner = users["learner"]
    learner.name, centres["a"].name = LONG_NAME, LONG_CENTRE
    certificate = issue_for(learner, "fi")
    pdf = stored_pdf(certificate)
    last_module = catalogue().course("fi").modules[-1].title
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert text_box(pdf, "Laajuus")[1] < text_box(pdf, last_module)[0]  # no overlap
    assert text_box(pdf, verification_url(certificate.code))[0] > BOTTOM_MARGIN


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_pdf_declares_pdf_a_its_language_title_and_tags(users, language):
    certificate = issue_for(users["learner"], language)
    reader = PdfReader(io.BytesIO(stored_pdf(certificate)))
    root = reader.trailer["/Root"]
    metadata = xmp(reader)
    assert 'pdfaid:part="3"' in metadata
    assert 'pdfaid:conformance="A"' in metadata
    assert root["/Lang"] == language
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert catalogue().course(language).title in reader.metadata.title
    assert "Test Learner" in reader.metadata.title
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (842, 595)  # A4, landscape


def test_the_qr_code_decodes_to_the_verification_url_which_says_valid(client, users):
    certificate = issue_for(users["learner"])
    document = pypdfium2.PdfDocument(stored_pdf(certificate))
    try:
        image = document[0].render(scale=2).to_pil()
    finally:
        document.close()
    codes = zxingcpp.read_barcodes(image)
    assert [code.format for code in codes] == [zxingcpp.BarcodeFormat.QRCode]
    url = codes[0].text
    assert url == verification_url(certificate.code)
    page = client.get(path_of(url))
    assert page.status_code == 200
    assert "This certificate is genuine and valid." in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "name",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        '<style>@import url("http://example.org/x.css")</style>',
    ],
)
def test_a_name_with_markup_is_printed_as_text_and_loads_nothing(users, monkeypatch, name):
    asked: list[str] = []
    original = AssetFetcher.fetch

    def spying(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(AssetFetcher, "fetch", spying)
    _stylesheet.cache_clear()  # so this render loads the stylesheet and fonts through the spy
    users["learner"].name = name
    certificate = issue_for(users["learner"])
    pdf = stored_pdf(certificate)
    # Compared without spaces: a long name wraps, and the wrap reads back as a space.
    assert "".join(name.split()) in "".join(pdf_text(pdf).split())
    assert asked
    assert all(url.startswith("asset:") for url in asked)
    reader = PdfReader(io.BytesIO(pdf))
    # The one file inside is the certificate's own credential, which the app put there.
    assert list(reader.attachments) == ["credential.json"]
    # (WeasyPrint lists that one file twice in /AF.)
    assert len({file.idnum for file in reader.trailer["/Root"]["/AF"]}) == 1


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.org/style.css",
        "https://example.org/font.ttf",
        "data:text/css,body{}",
        "ftp://example.org/x.ttf",
        "asset:../config.py",
        "asset:fonts/../../config.py",
        "asset:fonts/DejaVuSans.ttf?x=1",
        "asset:pdf/certificate.html",
        "asset:/etc/passwd",
        "ASSET:fonts/DejaVuSans.ttf",
    ],
)
def test_the_fetcher_refuses_everything_but_packaged_assets(url):
    with pytest.raises(RefusedURL):
        AssetFetcher().fetch(url)


def test_the_fetcher_serves_fonts_css_and_the_colour_profile():
    font = AssetFetcher().fetch("asset:fonts/DejaVuSans.ttf")
    assert font.content_type == "font/ttf"
    assert font.read()[:4] == b"\x00\x01\x00\x00"
    css = AssetFetcher().fetch("asset:pdf/certificate.css")
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    body, media_type = asset(fetcher.COLOR_PROFILE_URL)
    assert media_type == "application/vnd.iccprofile"
    assert body[36:40] == b"acsp"  # an ICC profile's signature


@pytest.mark.parametrize(
    "html",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        '<link rel="stylesheet" href="https://example.org/x.css">',
    ],
)
def test_a_refused_url_stops_the_render_instead_of_printing_around_it(app, html):
    # WeasyPrint's FatalURLFetchingError, raised on as an ordinary exception.
    with pytest.raises(RenderingError) as refused:
        write_pdf(f"<!doctype html><html lang='en'><title>x</title>{html}</html>")
    assert isinstance(refused.value.__cause__, FatalURLFetchingError)
