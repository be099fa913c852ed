"""Certificates issued the way the app issues them, and people to try them on."""

import io
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.conftest import PASSWORD
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.accounts.operations import create_user
from trainer.modules.certificates.models import Certificate, CertificateDocument
from trainer.modules.certificates.operations import issue_certificate
from trainer.modules.learning.models import CourseCompletion


def issue_for(user: User, language: str = "en") -> Certificate:
    """Complete the course for `user` in `language` and issue, as the signal's receiver does."""
    user.locale = language
    db.session.add(CourseCompletion(user_id=user.id))
    db.session.flush()
    certificate = issue_certificate(user.id)
    db.session.commit()
    return certificate


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


@pytest.fixture
def people(users, centres):
    """Beyond the role fixtures: a second learner in centre A, and centre B's own people."""
    made = dict(users)
    made["colleague"] = create_user(
        email="colleague@example.org",
        name="Other Learner",
        locale="en",
        centre=centres["a"],
        password=PASSWORD,
    )
    made["learner_b"] = create_user(
        email="learner_b@example.org",
        name="Learner In B",
        locale="en",
        centre=centres["b"],
        password=PASSWORD,
    )
    made["manager_b"] = create_user(
        email="manager_b@example.org",
        name="Manager Of B",
        role="manager",
        locale="en",
        centre=centres["b"],
        password=PASSWORD,
    )
    made["manager_b"].managed_centres = [centres["b"]]
    db.session.commit()
    return made


@pytest.fixture
def certificate(users) -> Certificate:
    """The learner's certificate, in English."""
    return issue_for(users["learner"])
