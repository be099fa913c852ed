"""Verifies credentials with openbadgeslib (PyPI), in its own venv, offline.

stdin: {"documents": {url: document}, "credentials": [credential, ...]}
  documents: what the issuer publishes (its profile, the status list). The issuer's
  key is pinned from its profile (openbadgeslib verifies an https issuer only against
  a key the operator trusts); the status list is handed over by `download`, and its
  bit is read; the list's own proof is not checked here: openbadgeslib verifies only
  JWT-VC lists, and ours is a Data Integrity one (the JS verifier checks that proof).
stdout: [{"valid": bool, "reason": str | null}, ...]
"""

import json
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from openbadgeslib.ob3 import OB3LdpVerifier, OB3VerificationError

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def multikey_pem(multibase: str) -> bytes:
    number = 0
    for symbol in multibase[1:]:
        number = number * 58 + ALPHABET.index(symbol)
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    assert raw[:2] == b"\xed\x01", "not an Ed25519 multikey"
    key = Ed25519PublicKey.from_public_bytes(raw[2:])
    return key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)


def main() -> None:
    given = json.load(sys.stdin)
    documents = given["documents"]
    keys = {
        method["id"]: method["publicKeyMultibase"]
        for document in documents.values()
        for method in document.get("verificationMethod", [])
    }

    def download(url: str) -> bytes:
        if url not in documents:
            raise OSError(f"refused to fetch {url}: offline")
        return json.dumps(documents[url]).encode()

    results = []
    for credential in given["credentials"]:
        method = credential.get("proof", {}).get("verificationMethod")
        if method not in keys:
            results.append({"valid": False, "reason": f"no published key {method}"})
            continue
        verifier = OB3LdpVerifier(pubkey_pem=multikey_pem(keys[method]))
        try:
            verifier.verify(
                credential, check_status=True, download=download, verify_status_list=False
            )
        except OB3VerificationError as error:
            results.append({"valid": False, "reason": str(error)})
        else:
            results.append({"valid": True, "reason": None})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
