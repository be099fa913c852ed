"""Credentials: the issuer profile and status list anyone may fetch, the learner's .json
download, and the check of a credential file on /verify."""

from flask import abort, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from trainer.core.downloads import private_download
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.certificates import blueprint
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.credential_check import check_credential
from trainer.modules.certificates.credentials import MEDIA_TYPE, credential_for
from trainer.modules.certificates.forms import CredentialForm
from trainer.modules.certificates.issuer import issuer_profile, signing_identity
from trainer.modules.certificates.queries import viewable_certificate_or_404
from trainer.modules.certificates.status_list import status_list_credential
from trainer.modules.certificates.verification import verify_limit

# Verifiers may keep these a short while; a revocation shows within five minutes.
PUBLIC_DOCUMENT_CACHE = "public, max-age=300"
LINKED_DATA = "application/ld+json"


@blueprint.get("/credentials/issuer")
def issuer_profile_document():
    signing_identity()  # the key in use is published before anything it signs
    profile = issuer_profile()
    db.session.commit()
    return profile, 200, {"Content-Type": LINKED_DATA, "Cache-Control": PUBLIC_DOCUMENT_CACHE}


@blueprint.get("/credentials/status")
def status_list():
    document = status_list_credential()
    db.session.commit()
    return document, 200, {"Content-Type": MEDIA_TYPE, "Cache-Control": PUBLIC_DOCUMENT_CACHE}


@blueprint.get("/certificates/<id:certificate_id>/credential.json")
@login_required
def credential_download(certificate_id: int):
    """The signed credential, the same bytes as inside the PDF."""
    certificate = viewable_certificate_or_404(certificate_id, current_user)
    credential = credential_for(certificate)
    if credential is None:
        abort(404)
    db.session.commit()
    name = f"certificate-{display_code(certificate.code)}.json"
    return private_download(credential.document.encode("utf-8"), MEDIA_TYPE, name)


@blueprint.post("/verify/credential")
@verify_limit
def verify_credential():
    form = CredentialForm()
    text = form.credential() if form.validate_on_submit() else None
    if text is None:
        form.credential_text.errors = [
            *form.credential_text.errors,
            _("Choose the credential file, or paste its text."),
        ]
        page = render_template("certificates/verify.html", typed="", credential_form=form)
        return page, 400, {"X-Robots-Tag": "noindex"}
    result = check_credential(text, utcnow())
    page = render_template("certificates/credential_checked.html", result=result)
    return page, 200, {"X-Robots-Tag": "noindex", "Cache-Control": "no-store"}
