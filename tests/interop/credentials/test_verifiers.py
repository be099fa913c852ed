"""Our credentials, checked by verifiers someone else wrote (interop.md): valid ones
verify in both, changed ones are refused by both, revocation shows in the status list,
and a key change leaves earlier credentials verifiable."""

import pytest

from tests.helpers.certificates import issue_for
from tests.helpers.credentials import (
    another_app,
    credential_json,
    moved_valid_until,
    renamed,
    signed_with_another_key,
)
from tests.interop.credentials.counterparts import digital_bazaar, openbadgeslib
from trainer.extensions import db
from trainer.modules.certificates.issuer import new_secret_key
from trainer.modules.certificates.operations import revoke_certificate

BASE_URL = "https://trainer.example.org"
# Every part of the issuer a credential can carry (TRAINER_ORG_*).
ISSUER_SETTINGS = {
    "BASE_URL": BASE_URL,
    "ORG_NAME": "Reception Centre Training Oy",
    "ORG_URL": "https://training.example.fi",
    "ORG_CONTACT_EMAIL": "certificates@training.example.fi",
}


@pytest.fixture
def app_settings():
    return ISSUER_SETTINGS


def published(client) -> dict:
    """What the issuer publishes, as a verifier would fetch it: profile, status list."""
    issuer = client.get("/credentials/issuer").get_json()
    status = client.get("/credentials/status").get_json()
    return {issuer["id"]: issuer, status["id"]: status}


def both(documents: dict, credentials: list[dict]) -> list[tuple[dict, dict]]:
    return list(
        zip(
            digital_bazaar(documents, credentials),
            openbadgeslib(documents, credentials),
            strict=True,
        )
    )


def test_a_valid_credential_verifies_in_both_and_changed_ones_in_neither(client, users):
    credential = credential_json(issue_for(users["learner"]))
    assert credential["issuer"] == {
        "id": f"{BASE_URL}/credentials/issuer",
        "type": ["Profile"],
        "name": "Reception Centre Training Oy",
        "url": "https://training.example.fi",
        "email": "certificates@training.example.fi",
    }
    cases = [
        credential,
        renamed(credential, "Someone Else"),
        moved_valid_until(credential),
        signed_with_another_key(credential),
    ]
    (valid, *changed) = both(published(client), cases)
    js, ob = valid
    assert js["verified"], js["errors"]
    assert js["status"] == {"verified": True, "revoked": False, "errors": []}
    assert ob == {"valid": True, "reason": None}
    for name, (js, ob) in zip(["name", "validUntil", "key"], changed, strict=True):
        assert not js["verified"], name
        assert not ob["valid"], name
        assert "signature" in ob["reason"].lower() or "proof" in ob["reason"].lower(), ob


def test_a_revoked_certificate_is_revoked_in_the_status_list(client, users):
    certificate = issue_for(users["learner"])
    credential = credential_json(certificate)
    revoke_certificate(certificate, users["manager"].id, "Issued in error")
    db.session.commit()
    ((js, ob),) = both(published(client), [credential])
    # The JS verifier's own verdict stays true for a revoked credential: the status
    # result says it (interop.md).
    assert js["verified"], js["errors"]
    assert js["status"]["verified"], js["status"]["errors"]
    assert js["status"]["revoked"] is True
    assert not ob["valid"]
    assert "status 'revocation' is set" in ob["reason"]


def test_a_credential_signed_before_a_key_change_still_verifies_after_it(
    database_url, client, users
):
    before = credential_json(issue_for(users["learner"]))
    with another_app(database_url, BASE_URL=BASE_URL, ISSUER_KEY=new_secret_key()) as rotated:
        documents = published(rotated.test_client())  # signed with the new key
    (issuer,) = [d for d in documents.values() if "assertionMethod" in d]
    assert before["proof"]["verificationMethod"] in issuer["assertionMethod"]
    assert (
        documents[before["credentialStatus"]["statusListCredential"]]["proof"]["verificationMethod"]
        != before["proof"]["verificationMethod"]
    )
    ((js, ob),) = both(documents, [before])
    assert js["verified"], js["errors"]
    assert js["status"]["revoked"] is False
    assert ob == {"valid": True, "reason": None}
