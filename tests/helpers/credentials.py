"""Credentials as the app hands them out, and as someone might change them."""

import copy
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from pypdf import PdfReader

from tests.helpers.app import make_app
from trainer.extensions import db
from trainer.modules.certificates.credentials import credential_for
from trainer.modules.certificates.models import Certificate


def credential_text(certificate: Certificate) -> str:
    credential = credential_for(certificate)
    assert credential is not None
    return credential.document


def credential_json(certificate: Certificate) -> dict[str, Any]:
    return json.loads(credential_text(certificate))


def embedded_credential(pdf: bytes) -> bytes:
    """The bytes of the credential the PDF carries (its one associated file)."""
    (content,) = PdfReader(io.BytesIO(pdf)).attachments["credential.json"]
    return content


def renamed(credential: dict[str, Any], name: str) -> dict[str, Any]:
    changed = copy.deepcopy(credential)
    changed["credentialSubject"]["name"] = name
    return changed


def moved_valid_until(credential: dict[str, Any], to: str = "2099-12-31T00:00:00Z") -> dict:
    changed = copy.deepcopy(credential)
    changed["validUntil"] = to
    return changed


def signed_with_another_key(credential: dict[str, Any]) -> dict[str, Any]:
    """The same credential signed by a key that is not the issuer's, naming the issuer's."""
    from nacl.signing import SigningKey

    from trainer.modules.certificates.proofs import sign

    unsigned = {key: value for key, value in credential.items() if key != "proof"}
    return sign(unsigned, SigningKey.generate(), credential["proof"]["verificationMethod"])


@contextmanager
def another_app(database_url: str, **settings: Any) -> Iterator[Flask]:
    """A second app on the same database (another server, or after a restart with new
    settings), in its own context; its connections closed after."""
    other = make_app(database_url, **settings)
    with other.app_context():
        try:
            yield other
        finally:
            db.session.remove()
            db.engine.dispose()
