"""Revocation for credentials: a W3C Bitstring Status List, itself a signed credential.

Each credential owns one bit of one list (credentialStatus.statusListIndex); the bit is
1 when its certificate is revoked, by a manager or because its holder was deleted.
The list is built from the database when asked for, so it is never behind.
"""

import base64
import gzip
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from trainer.core.time import utcnow
from trainer.core.urls import external_url
from trainer.extensions import db
from trainer.modules.certificates.issuer import issuer_url, signing_identity
from trainer.modules.certificates.linked_data import CREDENTIALS_V2
from trainer.modules.certificates.models import Certificate, CertificateCredential
from trainer.modules.certificates.proofs import sign, timestamp

# The smallest list the specification allows (16 KB before compression): whose bit is
# whose cannot be told from the list's size.
LIST_LENGTH = 131_072
PURPOSE = "revocation"


def status_list_url() -> str:
    return external_url("certificates.status_list")


def status_entry(index: int) -> dict[str, Any]:
    """The credentialStatus of the credential at place `index` of the list."""
    url = status_list_url()
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def revoked_places() -> list[int]:
    return list(
        db.session.scalars(
            select(CertificateCredential.status_index)
            .join(Certificate, Certificate.id == CertificateCredential.certificate_id)
            .where(Certificate.revoked_at.is_not(None))
        )
    )


def is_revoked(index: int) -> bool:
    return index in set(revoked_places())


def encoded_list(places: list[int]) -> str:
    """The bits, first place in the highest bit of the first byte, GZIP-compressed and
    written as multibase base64url without padding (a leading "u")."""
    bits = bytearray(LIST_LENGTH // 8)
    for place in places:
        bits[place // 8] |= 0x80 >> (place % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decoded_list(encoded: str) -> bytes:
    """The bits of an encoded list (for checking one)."""
    body = encoded.removeprefix("u")
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def bit(bits: bytes, place: int) -> bool:
    return bool(bits[place // 8] & (0x80 >> (place % 8)))


# The last list signed, reused while nothing in it changes (signing costs some 40 ms;
# the list is public). Only a saving: the places are read from the database each time.
_last_signed: dict[tuple[str, str, tuple[int, ...]], tuple[datetime, dict[str, Any]]] = {}
RESIGN_AFTER = timedelta(minutes=5)


def status_list_credential() -> dict[str, Any]:
    """The list as it is now, signed by the issuer."""
    places = tuple(sorted(revoked_places()))
    signer = signing_identity()
    key = (status_list_url(), signer.public_key, places)
    now = utcnow()
    last = _last_signed.get(key)
    if last is not None and now - last[0] < RESIGN_AFTER:
        return last[1]
    signed = sign(_unsigned_list(list(places)), signer.key, signer.verification_method)
    _last_signed.clear()
    _last_signed[key] = (now, signed)
    return signed


def _unsigned_list(places: list[int]) -> dict[str, Any]:
    url = status_list_url()
    return {
        "@context": [CREDENTIALS_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_url(),
        "validFrom": timestamp(utcnow()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encoded_list(places),
        },
    }
