"""/verify checks a credential file (uploaded or pasted): signature, dates, revocation,
with a plain answer in the reader's language; bad input changes nothing and never fails."""

import io
import json

import pytest

from tests.helpers.certificates import issue_for
from tests.helpers.credentials import (
    credential_json,
    credential_text,
    moved_valid_until,
    renamed,
    signed_with_another_key,
)
from trainer.extensions import db
from trainer.modules.certificates.operations import revoke_certificate

GENUINE = "This credential is genuine and valid."
ALTERED = "This credential has been changed after it was issued. Do not trust it."
UNREADABLE = "This is not a credential this service can read."


def pasted(client, text: str, language: str = "en"):
    client.get("/verify", headers={"Accept-Language": language})  # for the form's token
    return client.post(
        "/verify/credential",
        data={"credential_text": text},
        headers={"Accept-Language": language},
    )


def page_of(response) -> str:
    return response.get_data(as_text=True)


def test_an_uploaded_credential_file_is_genuine_and_valid(client, certificate):
    client.get("/verify")
    upload = (io.BytesIO(credential_text(certificate).encode()), "certificate.json")
    response = client.post(
        "/verify/credential",
        data={"credential_file": upload},
        content_type="multipart/form-data",
    )
    page = page_of(response)
    assert response.status_code == 200
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert GENUINE in page
    assert "Test Learner" in page
    assert "Test course on human trafficking" in page


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("en", GENUINE),
        ("fi", "Todistustiedosto on aito ja voimassa."),
        ("sv", "Intygsfilen är äkta och giltig."),
    ],
)
def test_a_pasted_credential_is_answered_in_the_readers_language(
    client, certificate, language, answer
):
    assert answer in page_of(pasted(client, credential_text(certificate), language))


@pytest.mark.parametrize(
    "change",
    [
        lambda c: renamed(c, "Someone Else"),
        moved_valid_until,
        signed_with_another_key,
    ],
    ids=["name", "validUntil", "key"],
)
def test_a_changed_credential_is_called_changed_and_its_claims_are_not_shown(
    client, certificate, change
):
    page = page_of(pasted(client, json.dumps(change(credential_json(certificate)))))
    assert ALTERED in page
    assert "Someone Else" not in page
    assert "Test Learner" not in page


def test_a_revoked_certificates_credential_says_revoked(client, users, certificate):
    revoke_certificate(certificate, users["manager"].id, "Issued in error")
    db.session.commit()
    page = page_of(pasted(client, credential_text(certificate)))
    assert "This credential is genuine, but the certificate has been revoked" in page


def test_an_expired_credential_says_expired(app, client, users):
    app.config["CERTIFICATE_VALIDITY_MONTHS"] = 0  # expires as it is issued
    certificate = issue_for(users["learner"])
    page = page_of(pasted(client, credential_text(certificate)))
    assert "This credential is genuine but has expired." in page


def test_another_issuers_credential_is_not_judged_here(client, certificate):
    credential = credential_json(certificate)
    credential["issuer"]["id"] = "https://elsewhere.example/issuer"
    page = page_of(pasted(client, json.dumps(credential)))
    assert "This credential was not signed by this service" in page


@pytest.mark.parametrize(
    "text",
    [
        "not json at all",
        "[1, 2, 3]",
        '{"@context": "https://attacker.example/ctx", "proof": {}}',
        "{" * 5000,
        "[" * 30_000 + "]" * 30_000,
        '{"a": "' + "x" * 70_000 + '"}',
    ],
)
def test_anything_else_is_plainly_unreadable(client, certificate, text):
    response = pasted(client, text)
    assert response.status_code in (200, 400)
    assert UNREADABLE in page_of(response) or "Choose the credential file" in page_of(response)


def test_a_deeply_nested_credential_is_unreadable_not_an_error(client, certificate):
    credential = credential_json(certificate)
    credential["credentialSubject"]["achievement"]["criteria"]["deep"] = "HERE"
    nested = '{"x": ' * 3000 + "{}" + "}" * 3000
    response = pasted(client, json.dumps(credential).replace('"HERE"', nested))
    assert response.status_code == 200
    assert GENUINE not in page_of(response)


def test_an_unknown_context_in_a_signed_credential_is_refused_not_fetched(client, certificate):
    credential = credential_json(certificate)
    credential["@context"].append("https://attacker.example/ctx.json")
    assert UNREADABLE in page_of(pasted(client, json.dumps(credential)))


def test_nothing_sent_asks_for_a_file_or_text(client, certificate):
    response = pasted(client, "   ")
    assert response.status_code == 400
    assert "Choose the credential file, or paste its text." in page_of(response)


def test_a_form_without_its_token_is_refused_without_checking(client, certificate):
    response = client.post(
        "/verify/credential", data={"credential_text": credential_text(certificate)}, csrf=False
    )
    assert response.status_code == 400
    assert GENUINE not in page_of(response)
