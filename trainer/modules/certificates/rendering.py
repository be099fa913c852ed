"""A certificate's PDF: a plain dict, a Jinja template, then WeasyPrint (pdf.py).

The template sees only the dict built here, never a database object; everything in it
is escaped by Jinja except the QR code, which segno draws from the URL.
"""

from typing import Any

import segno
from flask import render_template
from flask_babel import force_locale, format_date, format_decimal
from markupsafe import Markup

from trainer.core.organisation import organisation
from trainer.core.urls import external_url
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.models import Certificate

TEMPLATE = "certificates/pdf/certificate.html"


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


def render_certificate(
    certificate: Certificate, language: str, credential: bytes | None = None
) -> bytes:
    """The certificate as a PDF in `language`, which its snapshot must have, carrying
    its `credential` (signed JSON) as an associated file when given."""
    from trainer.modules.certificates import pdf  # WeasyPrint: see pdf.py

    with force_locale(language):
        html = render_template(TEMPLATE, **document_context(certificate, language))
    attached = [pdf.credential_attachment(credential, certificate.issued_at)] if credential else []
    return pdf.write_pdf(html, attached)
