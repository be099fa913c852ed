"""Certificates issued for a test, and their PDFs read back."""

import io
from urllib.parse import urlsplit

from pypdf import PdfReader
from sqlalchemy import select

from trainer.core import jobs
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.certificates.models import Certificate, CertificateDocument
from trainer.modules.certificates.operations import RENDER_KIND, issue_certificate
from trainer.modules.learning.models import CourseCompletion


def issue_for(user: User, language: str = "en", *, drawn: bool = True) -> Certificate:
    """Complete the course for `user` in `language` and issue, as the signal's receiver
    does; then, unless not `drawn`, let the worker draw the PDF."""
    user.locale = language
    db.session.add(CourseCompletion(user_id=user.id))
    db.session.flush()
    certificate = issue_certificate(user.id)
    db.session.commit()
    if drawn:
        draw_pdfs()
    return certificate


def draw_pdfs() -> int:
    """The worker's pass over the PDFs waiting to be drawn; how many it drew."""
    return jobs.run_due(RENDER_KIND).done


def stored_pdf(certificate: Certificate, language: str | None = None) -> bytes:
    return db.session.scalars(
        select(CertificateDocument.pdf).where(
            CertificateDocument.certificate_id == certificate.id,
            CertificateDocument.language == (language or certificate.language),
        )
    ).one()


def pdf_text(pdf: bytes) -> str:
    """The text of every page, with runs of white space made single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def path_of(url: str) -> str:
    return urlsplit(url).path
