"""One file both human-readable and machine-verifiable: the PDF/A-3 certificate carries
its credential, byte for byte the .json download, which both verifiers accept; and its
QR code still leads to the page that says it is valid."""

import io
import json

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from tests.helpers.certificates import issue_for, path_of
from tests.helpers.credentials import embedded_credential
from tests.interop.credentials.counterparts import digital_bazaar, openbadgeslib
from tests.interop.credentials.test_verifiers import BASE_URL, ISSUER_SETTINGS, published

pytestmark = pytest.mark.usefixtures("app")


@pytest.fixture
def app_settings():
    return ISSUER_SETTINGS


def qr_url(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=2).to_pil()
    finally:
        document.close()
    (code,) = zxingcpp.read_barcodes(image)
    return code.text


def test_the_pdf_a_3_carries_the_downloaded_credential_and_both_verifiers_accept_it(
    client, auth, users
):
    certificate = issue_for(users["learner"], "fi")
    auth.login("learner")
    pdf = client.get(f"/certificates/{certificate.id}/fi.pdf").data
    download = client.get(f"/certificates/{certificate.id}/credential.json").data
    reader = PdfReader(io.BytesIO(pdf))
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in metadata
    assert embedded_credential(pdf) == download
    (file_spec,) = {ref.idnum: ref.get_object() for ref in reader.trailer["/Root"]["/AF"]}.values()
    assert file_spec["/AFRelationship"] == "/Data"
    assert file_spec["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"
    credential = json.loads(embedded_credential(pdf))
    ((js,), (ob,)) = (
        digital_bazaar(published(client), [credential]),
        openbadgeslib(published(client), [credential]),
    )
    assert js["verified"] and js["status"]["revoked"] is False, js
    assert ob == {"valid": True, "reason": None}
    url = qr_url(pdf)
    assert url.startswith(BASE_URL)
    page = client.get(path_of(url)).get_data(as_text=True)
    assert "validity validity-valid" in page
