"""JSON-LD as credentials need it: the contexts shipped in contexts/, nothing fetched.

PyLD's own loader fetches any URL from the network; a credential naming an unknown
context could make the server fetch it (at issue or at /verify). The loader here knows
the few contexts our credentials use, reads them from the package, and refuses the rest.
"""

import hashlib
import json
from functools import cache
from importlib.resources import files
from typing import Any

from pyld import jsonld

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
# Defines assertionMethod, which verifiers look up in the issuer profile; only named
# there (a document the app publishes and never processes itself).
SECURITY_V2 = "https://w3id.org/security/v2"
CONTEXT_FILES = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    OPEN_BADGES_V3: "ob-v3p0-context-3.0.3.json",
    MULTIKEY_V1: "multikey-v1.jsonld",
}


class UnknownContext(ValueError):
    """A document names a context that is not shipped with the app."""


class Unreadable(ValueError):
    """The document is not JSON-LD these contexts can read."""


@cache
def shipped_context(url: str) -> dict[str, Any]:
    name = CONTEXT_FILES.get(url)
    if name is None:
        raise UnknownContext(f"not a context shipped with the app: {url[:200]!r}")
    text = files("trainer.modules.certificates").joinpath("contexts", name).read_text("utf-8")
    return json.loads(text)


def load_document(url: str, options: object = None) -> dict[str, Any]:
    """PyLD's document loader: the shipped contexts, and UnknownContext for anything else."""
    return {"contextUrl": None, "documentUrl": url, "document": shipped_context(url)}


def canonical(document: dict[str, Any]) -> str:
    """The RDF Dataset Canonicalization (RDFC-1.0, formerly URDNA2015) of `document`,
    as N-Quads; Unreadable when it names unknown contexts or is not JSON-LD."""
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": load_document,
    }
    try:
        return jsonld.normalize(document, options)
    except (jsonld.JsonLdError, UnknownContext, TypeError, ValueError, RecursionError) as error:
        raise Unreadable(_first_cause(error)[:300]) from error


def _first_cause(error: BaseException) -> str:
    """The message of what went wrong first (PyLD wraps a refused context twice)."""
    while error.__cause__ is not None:
        error = error.__cause__
    return str(error)


def canonical_hash(document: dict[str, Any]) -> bytes:
    return hashlib.sha256(canonical(document).encode("utf-8")).digest()
