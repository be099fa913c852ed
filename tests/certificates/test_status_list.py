"""Revocation as verifiers see it: the signed Bitstring Status List, its bits set when a
certificate is revoked or its holder deleted."""

import pytest
from sqlalchemy import select

from tests.helpers.certificates import issue_for
from tests.helpers.credentials import credential_json
from trainer.extensions import db
from trainer.modules.certificates.issuer import verify_key_of
from trainer.modules.certificates.models import CertificateCredential
from trainer.modules.certificates.operations import revoke_certificate
from trainer.modules.certificates.proofs import check
from trainer.modules.certificates.status_list import LIST_LENGTH, bit, decoded_list, encoded_list
from trainer.modules.privacy.operations import delete_person


def list_bits(client) -> bytes:
    response = client.get("/credentials/status")
    assert response.status_code == 200
    status_list = response.get_json()
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    method = status_list["proof"]["verificationMethod"]
    check(status_list, verify_key_of(method.split("#")[1]))  # signed by the issuer
    return decoded_list(status_list["credentialSubject"]["encodedList"])


def place(credential: dict) -> int:
    return int(credential["credentialStatus"]["statusListIndex"])


def test_revoking_a_certificate_sets_its_bit_and_no_other(client, people):
    mine = issue_for(people["learner"])
    theirs = issue_for(people["colleague"])
    mine_place, their_place = place(credential_json(mine)), place(credential_json(theirs))
    bits = list_bits(client)
    assert len(bits) * 8 == LIST_LENGTH
    # Signed once while nothing changes; the next revocation is in the very next fetch.
    assert client.get("/credentials/status").data == client.get("/credentials/status").data
    assert not bit(bits, mine_place) and not bit(bits, their_place)
    revoke_certificate(mine, people["manager"].id, "Issued in error")
    db.session.commit()
    bits = list_bits(client)
    assert bit(bits, mine_place)
    assert not bit(bits, their_place)
    assert sum(bin(byte).count("1") for byte in bits) == 1


def test_deleting_a_person_sets_the_bit_and_erases_what_the_credential_said(client, auth, users):
    certificate = issue_for(users["learner"])
    credential = credential_json(certificate)
    delete_person(users["learner"], users["admin"].id)
    db.session.commit()
    assert bit(list_bits(client), place(credential))
    (stored,) = db.session.scalars(
        select(CertificateCredential).where(CertificateCredential.certificate_id == certificate.id)
    )
    assert (stored.document, stored.holder) == ("", "")
    auth.login("admin")
    assert client.get(f"/certificates/{certificate.id}/credential.json").status_code == 404


@pytest.mark.parametrize("places", [[], [0], [7, 8], [LIST_LENGTH - 1], [0, 1, 2, 9000]])
def test_the_first_place_is_the_highest_bit_of_the_first_byte(places):
    encoded = encoded_list(places)
    assert encoded.startswith("u") and "=" not in encoded
    bits = decoded_list(encoded)
    assert [i for i in range(LIST_LENGTH) if bit(bits, i)] == places
    if places == [0]:
        assert bits[0] == 0x80
