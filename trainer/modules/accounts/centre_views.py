"""The admin's page of one centre: its name (to correct), its managers and its people."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from trainer.core.security import role_required
from trainer.extensions import db
from trainer.modules.accounts import blueprint, operations
from trainer.modules.accounts.access import ADMINS
from trainer.modules.accounts.forms import CentreForm
from trainer.modules.accounts.models import Centre, User


def _centre_page(centre: Centre, form: CentreForm, status: int = 200):
    people = db.session.scalar(select(func.count(User.id)).where(User.centre_id == centre.id))
    return render_template("accounts/centre.html", centre=centre, form=form, people=people), status


@blueprint.get("/admin/centres/<id:centre_id>")
@role_required(*ADMINS)
def admin_centre(centre_id: int):
    centre = db.session.get(Centre, centre_id) or abort(404)
    return _centre_page(centre, CentreForm(name=centre.name))


@blueprint.post("/admin/centres/<id:centre_id>")
@role_required(*ADMINS)
def admin_rename_centre(centre_id: int):
    centre = db.session.get(Centre, centre_id) or abort(404)
    form = CentreForm()
    if form.validate_on_submit():
        try:
            operations.rename_centre(centre, form.name.data, actor_id=current_user.id)
        except operations.AccountError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The centre is now called %(name)s.", name=centre.name), "success")
            return redirect(url_for("accounts.admin_centre", centre_id=centre.id))
    return _centre_page(centre, form, status=400)
