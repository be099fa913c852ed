"""Data Integrity proofs, cryptosuite eddsa-rdfc-2022 (W3C): sign and check a document.

The signed bytes are SHA-256(canonical proof options) followed by SHA-256(canonical
document without its proof), both canonicalized with RDFC-1.0; the signature is
Ed25519, written as multibase base58btc.
"""

from typing import Any

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from trainer.core.multibase import decode_base58btc, encode_base58btc
from trainer.core.time import utcnow
from trainer.modules.certificates.linked_data import canonical_hash

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PURPOSE = "assertionMethod"


class ProofError(ValueError):
    """The proof is missing, malformed, or does not match the document."""


def timestamp(moment: Any) -> str:
    """An XML Schema dateTime in UTC to the second, as credentials write them."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _signed_bytes(document: dict[str, Any], options: dict[str, Any]) -> bytes:
    unsigned = {key: value for key, value in document.items() if key != "proof"}
    config = {"@context": document["@context"], **options}
    return canonical_hash(config) + canonical_hash(unsigned)


def sign(document: dict[str, Any], key: SigningKey, verification_method: str) -> dict[str, Any]:
    """`document` with a proof made by `key`, which `verification_method` names."""
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": timestamp(utcnow()),
        "verificationMethod": verification_method,
        "proofPurpose": PURPOSE,
    }
    signature = key.sign(_signed_bytes(document, options)).signature
    return {**document, "proof": {**options, "proofValue": encode_base58btc(signature)}}


def proof_of(document: dict[str, Any]) -> dict[str, Any]:
    """The document's one proof, if it is of the kind we make; ProofError otherwise."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("the document has no single proof")
    expected = {"type": PROOF_TYPE, "cryptosuite": CRYPTOSUITE, "proofPurpose": PURPOSE}
    if any(proof.get(name) != value for name, value in expected.items()):
        raise ProofError("the proof is not an eddsa-rdfc-2022 assertion")
    if not isinstance(proof.get("verificationMethod"), str):
        raise ProofError("the proof names no key")
    if not isinstance(proof.get("proofValue"), str) or "@context" not in document:
        raise ProofError("the proof has no value")
    return proof


def check(document: dict[str, Any], key: VerifyKey) -> None:
    """Return if `key` signed exactly this document; ProofError otherwise."""
    proof = proof_of(document)
    options = {name: value for name, value in proof.items() if name != "proofValue"}
    signed = _signed_bytes(document, options)  # linked_data.Unreadable goes up as it is
    try:
        key.verify(signed, decode_base58btc(proof["proofValue"]))
    except (BadSignatureError, ValueError) as error:
        raise ProofError("the signature does not match the document") from error
