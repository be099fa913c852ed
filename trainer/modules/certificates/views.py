"""The learner's certificates, and the certificates of a centre for its managers."""

from flask import abort, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response as WerkzeugResponse

from trainer.core.database import read_only
from trainer.core.downloads import private_download
from trainer.core.security import role_required
from trainer.extensions import db
from trainer.modules.accounts.access import MANAGERS, centre_or_404, centres_of
from trainer.modules.accounts.models import User
from trainer.modules.certificates import blueprint, operations
from trainer.modules.certificates.archive import centre_archive
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.forms import ReissueForm, RevokeForm
from trainer.modules.certificates.models import Certificate
from trainer.modules.certificates.queries import (
    centre_certificates,
    completion_certificate,
    held_in,
    managed_certificate_or_404,
    own_certificates,
    viewable_certificate_or_404,
)
from trainer.modules.certificates.rendering import verification_url


@blueprint.get("/certificates")
@login_required
def mine():
    certificates = own_certificates(current_user.id)
    return render_template(
        "certificates/mine.html",
        certificates=certificates,
        reissue_form=ReissueForm(),
        urls={c.id: verification_url(c.code) for c in certificates},
        preparing={c.id for c in certificates if operations.being_prepared(c)},
    )


@blueprint.post("/certificates/<id:certificate_id>/reissue")
@login_required
def reissue(certificate_id: int):
    """The holder asks for their certificate in the name they now have."""
    certificate = viewable_certificate_or_404(certificate_id, current_user)
    if certificate.user_id != current_user.id:
        abort(404)
    if ReissueForm().validate_on_submit():
        try:
            operations.reissue_with_current_name(certificate, current_user.id)
        except operations.NothingToReissue:
            db.session.rollback()
        else:
            db.session.commit()
            flash(_("The certificate now carries your current name."), "success")
    return redirect(url_for("certificates.mine"))


@blueprint.get("/learn/completed")
@read_only
@login_required
def completed():
    """The course is done: the certificate, how anyone checks it, and what to do next.
    Before the course is done, the course overview instead."""
    certificate = completion_certificate(current_user.id)
    if certificate is None:
        return redirect(url_for("learning.course"))
    return render_template(
        "certificates/completed.html",
        certificate=certificate,
        verification=verification_url(certificate.code),
        preparing={certificate.id} if operations.being_prepared(certificate) else set(),
    )


@blueprint.get("/certificates/<id:certificate_id>/ready")
@read_only
@login_required
def ready(certificate_id: int):
    """Whether the PDF is still being prepared: the certificate's page asks every
    moment, and offers the download once it is not."""
    certificate = viewable_certificate_or_404(certificate_id, current_user)
    response = jsonify(ready=not operations.being_prepared(certificate))
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.get("/certificates/<id:certificate_id>/<language>.pdf")
@login_required
def download(certificate_id: int, language: str):
    """The stored PDF, in any language the certificate was issued with.

    The first download in another language renders and stores it: a memo of what
    every later request would render, not a change anyone can see.
    """
    certificate = viewable_certificate_or_404(certificate_id, current_user)
    if language not in certificate.languages:
        abort(404)
    document = operations.document_for(certificate, language)
    db.session.commit()
    name = f"certificate-{display_code(certificate.code)}-{language}.pdf"
    return private_download(document.pdf, "application/pdf", name)


@blueprint.get("/certificates/centres")
@role_required(*MANAGERS)
def centres():
    centres = centres_of(current_user)
    if len(centres) == 1:
        return redirect(url_for("certificates.centre", centre_id=centres[0].id))
    return render_template("certificates/centres.html", centres=centres)


@blueprint.get("/certificates/centres/<id:centre_id>")
@role_required(*MANAGERS)
def centre(centre_id: int):
    this_centre = centre_or_404(centre_id, current_user)
    return render_template(
        "certificates/centre.html",
        centre=this_centre,
        certificates=centre_certificates(this_centre.id, current_user),
    )


@blueprint.get("/certificates/centres/<id:centre_id>/certificates.zip")
@role_required(*MANAGERS)
def centre_zip(centre_id: int):
    this_centre = centre_or_404(centre_id, current_user)
    certificates = held_in(this_centre.id, current_user)
    operations.render_missing_documents(certificates)
    db.session.commit()
    name = f"certificates-{secure_filename(this_centre.name) or this_centre.id}.zip"
    return private_download(centre_archive(certificates), "application/zip", name)


def _holders_certificates(certificate: Certificate) -> str:
    """Where a manager comes from to revoke it: the list of the holder's centre."""
    holder = db.session.get_one(User, certificate.user_id)
    if holder.centre_id is not None:
        return url_for("certificates.centre", centre_id=holder.centre_id)
    return url_for("certificates.verify_code", code=display_code(certificate.code))


def _after_revoking(certificate: Certificate) -> WerkzeugResponse:
    return redirect(_holders_certificates(certificate))


@blueprint.route("/certificates/<id:certificate_id>/revoke", methods=["GET", "POST"])
@role_required(*MANAGERS)
def revoke(certificate_id: int):
    certificate = managed_certificate_or_404(certificate_id, current_user)
    if certificate.revoked_at is not None:
        flash(_("This certificate was already revoked."), "info")
        return _after_revoking(certificate)
    form = RevokeForm()
    if form.validate_on_submit():
        try:
            operations.revoke_certificate(certificate, current_user.id, form.reason.data.strip())
        except operations.AlreadyRevoked:
            db.session.rollback()
            flash(_("This certificate was already revoked."), "info")
        else:
            db.session.commit()
            flash(_("The certificate is revoked."), "success")
        return _after_revoking(certificate)
    page = render_template(
        "certificates/revoke.html",
        certificate=certificate,
        form=form,
        back=_holders_certificates(certificate),
    )
    return page, 400 if form.errors else 200
