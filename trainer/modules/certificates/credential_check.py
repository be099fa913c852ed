"""The check /verify runs on a credential file: signature, dates, revocation.

Only credentials this installation issued can be checked here (their key is one it has
published); for any other the answer says so rather than guessing.
"""

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from trainer.modules.certificates.issuer import is_published, issuer_url, verify_key_of
from trainer.modules.certificates.linked_data import Unreadable
from trainer.modules.certificates.proofs import ProofError, check, proof_of
from trainer.modules.certificates.status_list import is_revoked, status_list_url

MAX_CREDENTIAL_BYTES = 64 * 1024


class Verdict(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"
    NOT_YET_VALID = "not-yet-valid"
    ALTERED = "altered"
    OTHER_ISSUER = "other-issuer"
    UNREADABLE = "unreadable"

    @property
    def is_genuine(self) -> bool:
        """The signature holds: the facts in it are the issuer's."""
        return self in (Verdict.VALID, Verdict.REVOKED, Verdict.EXPIRED, Verdict.NOT_YET_VALID)


@dataclass(frozen=True)
class CredentialCheck:
    verdict: Verdict
    holder: str | None = None
    course: str | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None


def _moment(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("not a date")
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parsed(text: str) -> dict[str, Any] | None:
    if len(text.encode("utf-8", "replace")) > MAX_CREDENTIAL_BYTES:
        return None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested beyond reason
        return None
    return document if isinstance(document, dict) else None


def _signed_by_us(document: dict[str, Any]) -> Verdict | None:
    """None if our published key signed it as it is; else what is wrong."""
    try:
        method = proof_of(document)["verificationMethod"]
    except ProofError:
        return Verdict.UNREADABLE
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    prefix = f"{issuer_url()}#"
    if issuer_id != issuer_url() or not method.startswith(prefix):
        return Verdict.OTHER_ISSUER
    public_key = method.removeprefix(prefix)
    if not is_published(public_key):
        return Verdict.OTHER_ISSUER
    try:
        check(document, verify_key_of(public_key))
    except Unreadable:
        return Verdict.UNREADABLE
    except (ProofError, ValueError):
        return Verdict.ALTERED
    return None


def _status_place(document: dict[str, Any]) -> int | None:
    status = document.get("credentialStatus")
    if not isinstance(status, dict) or status.get("statusListCredential") != status_list_url():
        return None
    try:
        return int(status["statusListIndex"])
    except (KeyError, TypeError, ValueError):
        return None


def check_credential(text: str, now: datetime) -> CredentialCheck:
    """What a credential's text proves, checked against this installation's keys and
    status list."""
    document = _parsed(text)
    if document is None:
        return CredentialCheck(Verdict.UNREADABLE)
    problem = _signed_by_us(document)
    if problem is not None:
        return CredentialCheck(problem)
    subject = document.get("credentialSubject") or {}
    place = _status_place(document)
    try:
        genuine = CredentialCheck(
            Verdict.VALID,
            holder=str(subject["name"]),
            course=str(subject["achievement"]["name"]),
            valid_from=_moment(document["validFrom"]),
            valid_until=_moment(document["validUntil"]),
        )
    except (KeyError, TypeError, ValueError):
        return CredentialCheck(Verdict.UNREADABLE)
    if place is None:
        return CredentialCheck(Verdict.UNREADABLE)
    return replace(genuine, verdict=_verdict(genuine, place, now))


def _verdict(genuine: CredentialCheck, place: int, now: datetime) -> Verdict:
    assert genuine.valid_from is not None and genuine.valid_until is not None
    if is_revoked(place):
        return Verdict.REVOKED
    if now < genuine.valid_from:
        return Verdict.NOT_YET_VALID
    if now >= genuine.valid_until:
        return Verdict.EXPIRED
    return Verdict.VALID
