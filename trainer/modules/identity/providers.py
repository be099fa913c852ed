"""The identity providers this installation trusts, read at start from the JSON file
named by TRAINER_IDENTITY_PROVIDERS (docs/operations.md shows one).

Each provider has a key (its part of the service's addresses: /sso/<key>/...), the
organisation's name on its button, and the centre its people's accounts are created in:
one centre for all, or one per value of a claim (Entra ID's tenant id, `tid`). A file
that cannot be used stops the start with a message naming the provider and the field.
"""

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from flask import current_app
from flask.sansio.app import App

from trainer.config import ConfigError

KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
OIDC, SAML = "oidc", "saml"


@dataclass(frozen=True)
class Provider:
    key: str
    kind: str
    name: str  # the organisation, as its button names it
    # Claim (or SAML attribute) value -> centre name; "" when everyone goes to one centre.
    centres: dict[str, str]
    centre_claim: str
    # OpenID Connect
    issuer: str = ""
    client_id: str = ""
    client_secret: str = ""
    subject_claim: str = "sub"
    # SAML 2.0
    idp_metadata: str = ""  # the identity provider's metadata XML, as read from its file
    sp_certificate: str = ""
    sp_key: str = ""
    pseudonym_secret: str = ""  # keys the stable subject derived from a SAML attribute
    subject_attribute: str = ""

    def centre_name(self, claims: dict[str, Any]) -> str | None:
        """The centre a person with these claims belongs to, or None (an unknown tenant)."""
        if "" in self.centres:
            return self.centres[""]
        value = claims.get(self.centre_claim)
        return self.centres.get(value) if isinstance(value, str) else None


def _text(entry: dict, key: str, where: str, *, required: bool = True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ConfigError(f"{where}: {key!r} must be {'a non-empty ' if required else 'a '}text")
    return value.strip()


def _file(entry: dict, key: str, where: str, folder: Path) -> str:
    path = folder / _text(entry, key, where)  # an absolute path stays as it is
    if not path.is_file():
        raise ConfigError(f"{where}: {key!r} names {str(path)!r}, which is not a file")
    return path.read_text()


def _centres(entry: dict, where: str) -> dict[str, str]:
    if "centre" in entry:
        return {"": _text(entry, "centre", where)}
    centres = entry.get("centres")
    if (
        not isinstance(centres, dict)
        or not centres
        or not all(isinstance(k, str) and k and isinstance(v, str) for k, v in centres.items())
    ):
        raise ConfigError(
            f"{where}: give 'centre' (one centre's name) or 'centres' "
            '({"tenant id": "centre name", ...})'
        )
    return {key: value.strip() for key, value in centres.items()}


def _provider(key: str, entry: Any, folder: Path) -> Provider:
    where = f"TRAINER_IDENTITY_PROVIDERS, provider {key!r}"
    if not KEY_PATTERN.fullmatch(key):
        raise ConfigError(f"{where}: a key is lower-case letters, digits and hyphens")
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be an object")
    kind = entry.get("type")
    common = Provider(
        key=key,
        kind=str(kind),
        name=_text(entry, "name", where),
        centres=_centres(entry, where),
        centre_claim=_text(entry, "centre_claim", where, required=False) or "tid",
    )
    if kind == OIDC:
        issuer = _text(entry, "issuer", where).rstrip("/")
        if not re.fullmatch(r"https://\S+|http://(127\.0\.0\.1|localhost)(:\d+)?(/\S*)?", issuer):
            raise ConfigError(f"{where}: 'issuer' must be an https:// address")
        return replace(
            common,
            issuer=issuer,
            client_id=_text(entry, "client_id", where),
            client_secret=_text(entry, "client_secret", where),
            subject_claim=_text(entry, "subject_claim", where, required=False) or "sub",
        )
    if kind == SAML:
        return replace(
            common,
            idp_metadata=_file(entry, "idp_metadata", where, folder),
            sp_certificate=_file(entry, "sp_certificate", where, folder),
            sp_key=_file(entry, "sp_key", where, folder),
            pseudonym_secret=_text(entry, "pseudonym_secret", where),
            subject_attribute=_text(entry, "subject_attribute", where, required=False)
            or "urn:oid:1.2.246.21",
        )
    raise ConfigError(f"{where}: 'type' must be {OIDC!r} or {SAML!r}")


def read_providers(path: Path) -> dict[str, Provider]:
    """The providers in the file, by key; ConfigError when any of them cannot be used.
    Files a provider names (certificates, metadata) are found beside the file."""
    try:
        entries = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise ConfigError(
            f"TRAINER_IDENTITY_PROVIDERS: cannot read {str(path)!r}: {error}"
        ) from None
    if not isinstance(entries, dict):
        raise ConfigError("TRAINER_IDENTITY_PROVIDERS: the file must hold an object of providers")
    return {key: _provider(key, entry, path.parent) for key, entry in entries.items()}


def init_providers(app: App) -> None:
    setting = app.config.get("IDENTITY_PROVIDERS")
    found: dict[str, Provider] = {}
    if setting:
        found = read_providers(Path(app.instance_path) / setting)
    app.extensions["identity_providers"] = found


def providers() -> dict[str, Provider]:
    return current_app.extensions["identity_providers"]


def provider(key: str, kind: str) -> Provider | None:
    found = providers().get(key)
    return found if found is not None and found.kind == kind else None
