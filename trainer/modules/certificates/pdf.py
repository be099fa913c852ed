"""Drawing a certificate's PDF with WeasyPrint: PDF/A-3a, the app's stylesheet and fonts,
the credential attached.

The app imports this only in rendering.render_certificate, when a PDF is drawn: WeasyPrint takes most of a
second to import, which every process that starts the app (each `trainer` command, a
server's boot) would otherwise pay for a PDF it seldom draws.
"""

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from io import BytesIO

from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from trainer.modules.certificates.fetcher import AssetFetcher

STYLESHEET = "asset:pdf/certificate.css"
PDF_VARIANT = "pdf/a-3a"
# The stylesheet declares this profile from WeasyPrint's own sRGB file (see fetcher.py);
# naming it, rather than the built-in "srgb", also avoids a file WeasyPrint leaves open.
OUTPUT_INTENT = "--srgb"
CREDENTIAL_FILE_NAME = "credential.json"


class RenderingError(RuntimeError):
    """The PDF could not be drawn."""


@cache
def _stylesheet() -> tuple[CSS, FontConfiguration, dict]:
    """The stylesheet, its fonts and colour profile: parsed and loaded once per process."""
    fonts = FontConfiguration()
    profiles: dict[str, object] = {}
    css = CSS(
        url=STYLESHEET, url_fetcher=AssetFetcher(), font_config=fonts, color_profiles=profiles
    )
    return css, fonts, profiles


def credential_attachment(credential: bytes, issued_at: datetime) -> Attachment:
    """The credential as the PDF/A-3 associated file: the same bytes as the download."""
    return Attachment(
        file_obj=BytesIO(credential),
        name=CREDENTIAL_FILE_NAME,
        description="Open Badges 3.0 credential (W3C Verifiable Credential) of this certificate",
        created=issued_at,
        modified=issued_at,
        relationship="Data",
    )


def write_pdf(html: str, attachments: Sequence[Attachment] = ()) -> bytes:
    try:
        css, fonts, profiles = _stylesheet()
        return HTML(string=html, url_fetcher=AssetFetcher()).write_pdf(
            attachments=list(attachments),
            stylesheets=[css],
            font_config=fonts,
            color_profiles=dict(profiles),
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            output_intent=OUTPUT_INTENT,
        )
    except FatalURLFetchingError as error:
        # A BaseException, which `except Exception` (ours, Flask's, gunicorn's) lets
        # through to kill the worker: here it becomes an ordinary error.
        raise RenderingError(str(error)) from error
