"""The admin's pages for SCIM: the directories, each one's token (shown once, when it is
made), a new token in place of the old, and revoking."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from trainer.core.security import role_required
from trainer.extensions import db
from trainer.modules.accounts.access import ADMINS
from trainer.modules.accounts.operations import AccountError
from trainer.modules.identity import blueprint, scim_tokens
from trainer.modules.identity.models import ScimDirectory, ScimPerson
from trainer.modules.identity.scim_forms import ConfirmForm, DirectoryForm
from trainer.modules.identity.scim_views import tenant_url


def _directories_page(form: DirectoryForm, status: int = 200):
    people = dict(
        db.session.execute(
            select(ScimPerson.directory_id, func.count(ScimPerson.id)).group_by(
                ScimPerson.directory_id
            )
        ).all()
    )
    directories = db.session.scalars(select(ScimDirectory).order_by(ScimDirectory.name))
    return render_template(
        "identity/scim_directories.html",
        directories=list(directories),
        people=people,
        form=form,
        confirm=ConfirmForm(),
        tenant_url=tenant_url(),
    ), status


def _token_page(directory: ScimDirectory, token: str):
    page = render_template(
        "identity/scim_token.html", directory=directory, token=token, tenant_url=tenant_url()
    )
    return page, 200, {"Cache-Control": "no-store"}


@blueprint.get("/admin/scim")
@role_required(*ADMINS)
def scim_directories():
    return _directories_page(DirectoryForm())


@blueprint.post("/admin/scim")
@role_required(*ADMINS)
def create_scim_directory():
    form = DirectoryForm()
    if form.validate_on_submit():
        try:
            directory, token = scim_tokens.create_directory(form.name.data, current_user.id)
        except AccountError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            return _token_page(directory, token)
    return _directories_page(form, 400)


def _directory_or_404(directory_id: int) -> ScimDirectory:
    return db.session.get(ScimDirectory, directory_id) or abort(404)


@blueprint.post("/admin/scim/<id:directory_id>/token")
@role_required(*ADMINS)
def issue_scim_token(directory_id: int):
    directory = _directory_or_404(directory_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    token = scim_tokens.issue_token(directory, current_user.id)
    db.session.commit()
    return _token_page(directory, token)


@blueprint.post("/admin/scim/<id:directory_id>/revoke")
@role_required(*ADMINS)
def revoke_scim_token(directory_id: int):
    directory = _directory_or_404(directory_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    scim_tokens.revoke_token(directory, current_user.id)
    db.session.commit()
    flash(_("The token of %(name)s no longer works.", name=directory.name), "success")
    return redirect(url_for("identity.scim_directories"))
