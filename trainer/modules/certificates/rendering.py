"""A certificate's PDF: a plain dict, a Jinja template, WeasyPrint, PDF/A-3a.

The template sees only the dict built here, never a database object; everything in it
is escaped by Jinja except the QR code, which segno draws from the URL.
"""

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from io import BytesIO
from typing import Any

import segno
from flask import render_template
from flask_babel import force_locale, format_date, format_decimal
from markupsafe import Markup
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from trainer.core.organisation import organisation
from trainer.core.urls import external_url
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.fetcher import AssetFetcher
from trainer.modules.certificates.models import Certificate

TEMPLATE = "certificates/pdf/certificate.html"
STYLESHEET = "asset:pdf/certificate.css"
PDF_VARIANT = "pdf/a-3a"
# The stylesheet declares this profile from WeasyPrint's own sRGB file (see fetcher.py);
# naming it, rather than the built-in "srgb", also avoids a file WeasyPrint leaves open.
OUTPUT_INTENT = "--srgb"
CREDENTIAL_FILE_NAME = "credential.json"


def verification_url(code: str) -> str:
    """The public address that checks the certificate, as printed and encoded in its QR."""
    return external_url("certificates.verify_code", code=display_code(code))


def qr_svg(url: str) -> Markup:
    svg = segno.make(url, error="m").svg_inline(border=4, omitsize=True, title=url)
    return Markup(svg)  # noqa: S704 - segno's own drawing of our URL


def document_context(certificate: Certificate, language: str) -> dict[str, Any]:
    """Everything the PDF prints, as plain values; call it under force_locale(language)."""
    snapshot = certificate.snapshot
    course = snapshot["courses"][language]
    url = verification_url(certificate.code)
    return {
        "language": language,
        "holder": snapshot["holder"],
        "centre": snapshot["centre"],
        # Who issues it: the organisation that runs the service (TRAINER_ORG_NAME).
        "issuer": organisation().name,
        "course_title": course["title"],
        "statement": course["statement"],
        "hours": format_decimal(course["hours"]),
        "modules": list(course["modules"]),
        "issued_on": format_date(certificate.issued_at, "long"),
        "expires_on": format_date(certificate.expires_at, "long"),
        "code": display_code(certificate.code),
        "course_version": certificate.course_version,
        "verification_url": url,
        "qr_svg": qr_svg(url),
    }


@cache
def _stylesheet() -> tuple[CSS, FontConfiguration, dict]:
    """The stylesheet, its fonts and colour profile: parsed and loaded once per process."""
    fonts = FontConfiguration()
    profiles: dict[str, object] = {}
    css = CSS(
        url=STYLESHEET, url_fetcher=AssetFetcher(), font_config=fonts, color_profiles=profiles
    )
    return css, fonts, profiles


class RenderingError(RuntimeError):
    """The PDF could not be drawn."""


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


def render_certificate(
    certificate: Certificate, language: str, credential: bytes | None = None
) -> bytes:
    """The certificate as a PDF in `language`, which its snapshot must have, carrying
    its `credential` (signed JSON) as an associated file when given."""
    with force_locale(language):
        html = render_template(TEMPLATE, **document_context(certificate, language))
    attached = [credential_attachment(credential, certificate.issued_at)] if credential else []
    return write_pdf(html, attached)
