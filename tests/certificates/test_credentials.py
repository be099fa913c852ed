"""Each certificate as a signed Open Badges 3.0 credential: what it says, that its
signature holds and breaks when anything in it changes, and where it is handed out."""

import hashlib
import json
import logging

import pytest
from nacl.signing import SigningKey

from tests.helpers.app import make_app
from tests.helpers.certificates import issue_for, pdf_text, stored_pdf
from tests.helpers.credentials import (
    another_app,
    credential_json,
    credential_text,
    embedded_credential,
    moved_valid_until,
    renamed,
    signed_with_another_key,
)
from trainer.config import ConfigError
from trainer.core.multibase import (
    ED25519_SECRET,
    decode_base58btc,
    decode_key,
    encode_base58btc,
)
from trainer.extensions import db
from trainer.modules.certificates import issuer
from trainer.modules.certificates.issuer import issuer_url, new_secret_key, verify_key_of
from trainer.modules.certificates.linked_data import Unreadable, canonical
from trainer.modules.certificates.proofs import ProofError, check, timestamp
from trainer.modules.certificates.status_list import status_list_url
from trainer.modules.courses import catalogue


def issuers_key(credential: dict):
    method = credential["proof"]["verificationMethod"]
    return verify_key_of(method.split("#", 1)[1])


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_credential_says_what_the_certificate_says_in_its_language(app, users, language):
    certificate = issue_for(users["learner"], language)
    credential = credential_json(certificate)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert credential["issuer"]["id"] == issuer_url() == "http://127.0.0.1:5000/credentials/issuer"
    assert credential["validFrom"] == timestamp(certificate.issued_at)
    assert credential["validUntil"] == timestamp(certificate.expires_at)
    subject = credential["credentialSubject"]
    assert subject["name"] == "Test Learner"
    course = catalogue().course(language)
    achievement = subject["achievement"]
    assert achievement["achievementType"] == "Certificate"
    assert achievement["name"] == course.title
    assert achievement["inLanguage"] == language
    assert all(module.title in achievement["criteria"]["narrative"] for module in course.modules)
    assert credential["credentialStatus"]["statusListCredential"] == status_list_url()


def test_the_holder_is_named_by_a_salted_hash_of_their_email_not_the_address(users):
    certificate = issue_for(users["learner"])
    text = credential_text(certificate)
    assert "learner@example.org" not in text
    (identity,) = json.loads(text)["credentialSubject"]["identifier"]
    salted = ("learner@example.org" + identity["salt"]).encode()
    assert identity["identityHash"] == "sha256$" + hashlib.sha256(salted).hexdigest()
    assert identity["hashed"] is True


def test_the_signature_holds_and_breaks_on_any_change(users):
    credential = credential_json(issue_for(users["learner"]))
    key = issuers_key(credential)
    check(credential, key)
    for changed in (renamed(credential, "Someone Else"), moved_valid_until(credential)):
        with pytest.raises(ProofError):
            check(changed, key)
    with pytest.raises(ProofError):
        check(signed_with_another_key(credential), key)


def test_an_unknown_context_is_refused_not_fetched(users, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the loader went to the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    credential = credential_json(issue_for(users["learner"]))
    credential["@context"] = [*credential["@context"], "https://attacker.example/ctx.json"]
    with pytest.raises(Unreadable, match="not a context shipped"):
        canonical(credential)
    with pytest.raises(Unreadable):
        check(credential, issuers_key(credential))


def test_the_pdf_carries_the_very_bytes_of_the_download(client, auth, users):
    certificate = issue_for(users["learner"])
    auth.login("learner")
    response = client.get(f"/certificates/{certificate.id}/credential.json")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.mimetype == "application/vc+ld+json"
    assert embedded_credential(stored_pdf(certificate)) == response.data
    swedish = client.get(f"/certificates/{certificate.id}/sv.pdf").data
    assert embedded_credential(swedish) == response.data
    mine = client.get("/certificates").get_data(as_text=True)
    assert f"/certificates/{certificate.id}/credential.json" in mine


@pytest.mark.parametrize("who", ["colleague", "learner_b", "manager_b", "trainer"])
def test_nobody_else_downloads_the_credential(client, auth, people, certificate, who):
    auth.login(who)
    assert client.get(f"/certificates/{certificate.id}/credential.json").status_code == 404


def test_the_issuer_profile_publishes_the_key_at_a_stable_address(client, users):
    credential = credential_json(issue_for(users["learner"]))
    response = client.get("/credentials/issuer")
    assert response.status_code == 200
    profile = response.get_json()
    method = credential["proof"]["verificationMethod"]
    assert profile["id"] == credential["issuer"]["id"]
    assert profile["assertionMethod"] == [method]
    (published,) = profile["verificationMethod"]
    assert published["id"] == method
    assert published["type"] == "Multikey"
    assert method.endswith("#" + published["publicKeyMultibase"])


def test_after_a_key_change_both_keys_stay_published_and_old_credentials_verify(
    database_url, users
):
    old = credential_json(issue_for(users["learner"]))
    with another_app(database_url, ISSUER_KEY=new_secret_key()) as rotated:
        client = rotated.test_client()
        profile = client.get("/credentials/issuer").get_json()
        assert old["proof"]["verificationMethod"] in profile["assertionMethod"]
        assert len(profile["assertionMethod"]) == 2
        check(old, issuers_key(old))


def test_the_key_is_made_once_in_the_instance_folder_with_a_note(app, tmp_path, caplog):
    app.instance_path = str(tmp_path)
    app.config["ISSUER_KEY"] = None
    with caplog.at_level(logging.WARNING):
        first = issuer.signing_identity().public_key
        again = issuer.signing_identity().public_key
    assert first == again
    assert (tmp_path / "issuer-key").stat().st_mode & 0o077 == 0
    notes = [r.getMessage() for r in caplog.records if "TRAINER_ISSUER_KEY" in r.getMessage()]
    assert len(notes) == 1
    assert str(tmp_path / "issuer-key") in notes[0]


def test_a_configured_key_is_used_and_a_malformed_one_stops_the_start(database_url):
    key = new_secret_key()
    with another_app(database_url, ISSUER_KEY=key):
        expected = SigningKey(decode_key(ED25519_SECRET, key))
        assert issuer.signing_identity().key == expected
    for wrong in ("not-a-key", "z" + "1" * 10, issuer.public_key_of(expected)):
        with pytest.raises(ConfigError, match="TRAINER_ISSUER_KEY"):
            make_app(database_url, ISSUER_KEY=wrong)


@pytest.mark.parametrize("data", [b"", b"\0\0\1", bytes(range(120)), b"\xff" * 64])
def test_base58btc_round_trips(data):
    assert decode_base58btc(encode_base58btc(data)) == data


def test_a_renamed_holder_gets_a_new_credential_and_the_old_one_stays_valid(client, auth, users):
    from trainer.core.time import utcnow
    from trainer.modules.certificates.credential_check import Verdict, check_credential

    certificate = issue_for(users["learner"])
    old = credential_text(certificate)
    users["learner"].name = "Test Learner-Virtanen"
    db.session.commit()
    assert credential_text(certificate) == old  # a new name alone changes nothing
    auth.login("learner")
    mine = client.get("/certificates").get_data(as_text=True)
    assert "Your name is now Test Learner-Virtanen." in mine
    response = client.post(f"/certificates/{certificate.id}/reissue", data={})
    assert response.status_code == 302
    new = credential_text(certificate)
    assert json.loads(new)["credentialSubject"]["name"] == "Test Learner-Virtanen"
    assert json.loads(new)["id"] != json.loads(old)["id"]
    pdf = client.get(f"/certificates/{certificate.id}/en.pdf").data
    assert embedded_credential(pdf) == new.encode()
    assert "Test Learner-Virtanen" in pdf_text(pdf)
    for text in (old, new):
        assert check_credential(text, utcnow()).verdict == Verdict.VALID
    assert "Your name is now" not in client.get("/certificates").get_data(as_text=True)
    client.post(f"/certificates/{certificate.id}/reissue", data={})  # nothing more to do
    assert credential_text(certificate) == new


def test_the_command_prints_a_key_the_setting_accepts(runner, database_url):
    result = runner.invoke(args=["credentials", "new-key"])
    assert result.exit_code == 0, result.output
    setting, comment = result.output.splitlines()
    key = setting.removeprefix("TRAINER_ISSUER_KEY=")
    with another_app(database_url, ISSUER_KEY=key):
        public_key = issuer.signing_identity().public_key
    assert public_key in comment
