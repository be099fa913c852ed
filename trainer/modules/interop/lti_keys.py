"""The LTI tool's own key (TRAINER_LTI_KEY_FILE): the private half signs what the tool
sends a platform, the public half is published as our JWKS."""

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from flask import current_app
from pylti1p3.registration import Registration


def tool_private_key() -> str | None:
    given = current_app.config.get("LTI_KEY_FILE")
    return Path(given).read_text() if given else None


def public_key(private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def tool_jwks() -> dict:
    """{"keys": [...]}: the public key, or none when no key is configured."""
    private = tool_private_key()
    if private is None:
        return {"keys": []}
    return {"keys": [dict(Registration.get_jwk(public_key(private)))]}
