"""Each certificate as an Open Badges 3.0 OpenBadgeCredential (VC Data Model 2.0), signed.

The credential says what the certificate says, in the certificate's language: who
issued it (the organisation, TRAINER_ORG_*), to whom (a salted hash of the holder's
e-mail address, and their name), for what (the course: title, hours, modules, version)
and for how long (validFrom, validUntil); its revocation is a bit in the status list.
The signed JSON is stored once and handed out as it is: the .json download and the
file inside the PDF are the same bytes.
"""

import hashlib
import json
import secrets
import uuid
from typing import Any

from flask_babel import force_locale, format_decimal
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.certificates.issuer import issuer_summary, issuer_url, signing_identity
from trainer.modules.certificates.linked_data import CREDENTIALS_V2, OPEN_BADGES_V3
from trainer.modules.certificates.models import Certificate, CertificateCredential
from trainer.modules.certificates.proofs import sign, timestamp
from trainer.modules.certificates.status_list import LIST_LENGTH, status_entry

MEDIA_TYPE = "application/vc+ld+json"
_INDEX_TRIES = 20


def course_version(snapshot: dict[str, Any]) -> str:
    """The version of the course certified: the snapshot's own, or a hash of its modules'."""
    if snapshot.get("course_version"):
        return str(snapshot["course_version"])
    modules = json.dumps(snapshot["versions"], sort_keys=True).encode()
    return hashlib.sha256(modules).hexdigest()[:12]


def identity(email: str) -> dict[str, Any]:
    """The holder as OB 3.0 identifies them: the e-mail address, salted and hashed."""
    salt = secrets.token_hex(8)
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def criteria(course: dict[str, Any]) -> str:
    """What completing the course required, in words (Markdown), in the current locale."""
    lines = [
        _(
            "Studied every module of the course (%(hours)s hours) and passed the quiz of each one:",
            hours=format_decimal(course["hours"]),
        )
    ]
    lines += [f"- {title}" for title in course["modules"]]
    return "\n".join(lines)


def achievement(certificate: Certificate) -> dict[str, Any]:
    language = certificate.language
    course = certificate.snapshot["courses"][language]
    version = course_version(certificate.snapshot)
    with force_locale(language):
        narrative = criteria(course)
    return {
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{issuer_url()}#course-{version}')}",
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": course["title"],
        "description": course["statement"],
        "criteria": {"narrative": narrative},
        "inLanguage": language,
        "version": version,
    }


def unsigned_credential(
    certificate: Certificate, holder: User, status_index: int
) -> dict[str, Any]:
    name = certificate.snapshot["holder"]
    return {
        "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.course_title(certificate.language),
        "issuer": issuer_summary(),
        "validFrom": timestamp(certificate.issued_at),
        "validUntil": timestamp(certificate.expires_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": name,
            "identifier": [identity(holder.email)],
            "achievement": achievement(certificate),
        },
        "credentialStatus": status_entry(status_index),
    }


def issue_credential(certificate: Certificate) -> CertificateCredential:
    """A new signed credential of the certificate, stored; flushes."""
    holder = db.session.get_one(User, certificate.user_id)
    signer = signing_identity()
    for _try in range(_INDEX_TRIES):
        # A random place in the list, so neighbouring bits say nothing of who is who.
        index = secrets.randbelow(LIST_LENGTH)
        document = sign(
            unsigned_credential(certificate, holder, index), signer.key, signer.verification_method
        )
        credential = CertificateCredential(
            certificate_id=certificate.id,
            status_index=index,
            holder=certificate.snapshot["holder"],
            document=json.dumps(document, ensure_ascii=False, indent=2) + "\n",
        )
        try:
            with db.session.begin_nested():
                db.session.add(credential)
        except IntegrityError:
            continue  # that place is taken: another one
        return credential
    raise RuntimeError("the status list has no free place left")


def latest_credential(certificate_id: int) -> CertificateCredential | None:
    return db.session.scalar(
        select(CertificateCredential)
        .where(CertificateCredential.certificate_id == certificate_id)
        .order_by(CertificateCredential.id.desc())
        .limit(1)
    )


def credential_for(certificate: Certificate) -> CertificateCredential | None:
    """The certificate's credential, issued first if it has none (one issued before
    credentials existed); None once erased with its holder's data."""
    credential = latest_credential(certificate.id)
    if credential is None:
        credential = issue_credential(certificate)
    return credential if credential.document else None


def erase_credentials(certificate_id: int) -> None:
    """Forget what the certificate's credentials say (their status places stay taken,
    revoked with the certificate)."""
    for credential in db.session.scalars(
        select(CertificateCredential).where(CertificateCredential.certificate_id == certificate_id)
    ):
        credential.document = ""
        credential.holder = ""
