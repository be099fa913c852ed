"""A centre's certificates as one ZIP, for its manager to hand to an auditor."""

import zipfile
from io import BytesIO

from sqlalchemy import ColumnElement, select
from werkzeug.utils import secure_filename

from trainer.extensions import db
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.models import Certificate, CertificateDocument


def archive_name(holder: str, code: str, language: str) -> str:
    """A file name any system can unpack: the holder's name in ASCII, then the code."""
    return f"{secure_filename(holder) or 'certificate'}-{display_code(code)}-{language}.pdf"


def centre_archive(certificates: ColumnElement[bool]) -> bytes:
    """Every unrevoked certificate of those chosen (a centre's: queries.held_in), in its
    own language, read in one query.

    PDFs are already compressed, so they are stored in the ZIP as they are.
    """
    rows = db.session.execute(
        select(
            Certificate.code, Certificate.snapshot, Certificate.language, CertificateDocument.pdf
        )
        .join(
            CertificateDocument,
            (CertificateDocument.certificate_id == Certificate.id)
            & (CertificateDocument.language == Certificate.language),
        )
        .where(certificates, Certificate.revoked_at.is_(None))
        .order_by(Certificate.issued_at, Certificate.id)
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for code, snapshot, language, pdf in rows:
            archive.writestr(archive_name(snapshot["holder"], code, language), pdf)
    return buffer.getvalue()
