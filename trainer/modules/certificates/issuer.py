"""Who signs credentials: the issuer's Ed25519 key, and the profile that publishes it.

The secret key comes from TRAINER_ISSUER_KEY, or, when that is unset, from the file
`issuer-key` in the instance folder, made on first use (and logged, so the admin knows
to back it up). Every public key that has signed is recorded (IssuerKey) and stays in
the issuer profile, so credentials signed before a change of key still verify.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app
from nacl.signing import SigningKey, VerifyKey
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from trainer.core.multibase import ED25519_PUBLIC, ED25519_SECRET, decode_key, encode_key
from trainer.core.organisation import organisation
from trainer.core.urls import external_url
from trainer.extensions import db
from trainer.modules.certificates.linked_data import (
    CREDENTIALS_V2,
    MULTIKEY_V1,
    OPEN_BADGES_V3,
    SECURITY_V2,
)
from trainer.modules.certificates.models import IssuerKey

KEY_FILE = "issuer-key"


@dataclass(frozen=True)
class SigningIdentity:
    key: SigningKey
    public_key: str  # multibase, z6Mk...

    @property
    def verification_method(self) -> str:
        return key_id(self.public_key)


def new_secret_key() -> str:
    """A fresh secret key, as TRAINER_ISSUER_KEY takes it."""
    return encode_key(ED25519_SECRET, bytes(SigningKey.generate()))


def public_key_of(key: SigningKey) -> str:
    return encode_key(ED25519_PUBLIC, bytes(key.verify_key))


def verify_key_of(public_key: str) -> VerifyKey:
    """The key behind a multibase public key; ValueError if it is not an Ed25519 one."""
    return VerifyKey(decode_key(ED25519_PUBLIC, public_key))


def _secret_key_text() -> str:
    configured = current_app.config.get("ISSUER_KEY")
    if configured:
        return configured
    path = Path(current_app.instance_path) / KEY_FILE
    try:
        # O_EXCL: of several workers starting together, one writes it; the rest read it.
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(handle, "w") as file:
        file.write(new_secret_key() + "\n")
    current_app.logger.warning(
        "TRAINER_ISSUER_KEY is not set: made a new credential signing key in %s. Back it "
        "up with the database; if it is lost, credentials signed with it still verify "
        "(its public key stays published) but no new ones can carry it. See "
        "docs/operations.md, 'Credential signing key'.",
        path,
    )
    return path.read_text().strip()


def signing_identity() -> SigningIdentity:
    """The key that signs now, its public key recorded (and so published) first."""
    key = SigningKey(decode_key(ED25519_SECRET, _secret_key_text()))
    public_key = public_key_of(key)
    _record(public_key)
    return SigningIdentity(key, public_key)


def _record(public_key: str) -> None:
    known = db.session.scalar(select(IssuerKey.id).where(IssuerKey.public_key == public_key))
    if known is not None:
        return
    try:
        with db.session.begin_nested():
            db.session.add(IssuerKey(public_key=public_key))
    except IntegrityError:
        pass  # a concurrent request recorded it first


def published_keys() -> list[str]:
    """Every public key that has signed, oldest first."""
    return list(db.session.scalars(select(IssuerKey.public_key).order_by(IssuerKey.id)))


def is_published(public_key: str) -> bool:
    found = db.session.scalar(select(IssuerKey.id).where(IssuerKey.public_key == public_key))
    return found is not None


def issuer_url() -> str:
    """The issuer's id in every credential: the address of its profile document."""
    return external_url("certificates.issuer_profile_document")


def key_id(public_key: str) -> str:
    return f"{issuer_url()}#{public_key}"


def issuer_summary() -> dict[str, Any]:
    """The issuer as a credential names it (OB 3.0 Profile)."""
    org = organisation()
    summary: dict[str, Any] = {"id": issuer_url(), "type": ["Profile"]}
    summary["name"] = org.name or current_app.config["BASE_URL"]
    if org.url:
        summary["url"] = org.url
    if org.email:
        summary["email"] = org.email
    return summary


def issuer_profile() -> dict[str, Any]:
    """The document at issuer_url(): the Profile, and the keys that sign for it."""
    keys = published_keys()
    return {
        # security/v2 first: the later, protected contexts keep their own terms.
        "@context": [SECURITY_V2, CREDENTIALS_V2, OPEN_BADGES_V3, MULTIKEY_V1],
        **issuer_summary(),
        "verificationMethod": [verification_method(key) for key in keys],
        "assertionMethod": [key_id(key) for key in keys],
    }


def verification_method(public_key: str) -> dict[str, Any]:
    """One key as verifiers look it up (a Multikey, controlled by the issuer)."""
    return {
        "@context": MULTIKEY_V1,
        "id": key_id(public_key),
        "type": "Multikey",
        "controller": issuer_url(),
        "publicKeyMultibase": public_key,
    }
