"""The admin's personal-data actions on one account: export as JSON, delete."""

import json

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from trainer.core.downloads import private_download
from trainer.core.security import role_required
from trainer.extensions import db
from trainer.modules.accounts.access import ADMINS
from trainer.modules.accounts.models import User, normalise_email
from trainer.modules.privacy import blueprint, operations
from trainer.modules.privacy.forms import ConfirmDeletionForm


def _person_or_404(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


@blueprint.post("/admin/users/<id:user_id>/personal-data.json")
@role_required(*ADMINS)
def export(user_id: int):
    person = _person_or_404(user_id)
    data = operations.export_person(person, current_user.id)
    db.session.commit()
    document = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return private_download(document, "application/json", f"personal-data-{user_id}.json")


@blueprint.route("/admin/users/<id:user_id>/delete", methods=["GET", "POST"])
@role_required(*ADMINS)
def delete(user_id: int):
    person = _person_or_404(user_id)
    if person.id == current_user.id:
        abort(403)  # an admin cannot delete their own account while using it
    form = ConfirmDeletionForm()
    if form.validate_on_submit():
        if normalise_email(form.email.data) == person.email:
            operations.delete_person(person, current_user.id)
            db.session.commit()
            flash(_("The person's data has been deleted."), "success")
            return redirect(url_for("accounts.admin"))
        form.email.errors.append(_("This is not the person's e-mail address."))
    status = 400 if form.errors else 200
    return render_template("privacy/delete.html", person=person, form=form), status
