"""A manager brings staff in from a list, and sends an invitation again."""

import binascii
import zlib
from base64 import urlsafe_b64decode, urlsafe_b64encode

from flask import abort, flash, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from trainer.core.i18n import DEFAULT_LANGUAGE
from trainer.core.inputs import whole_number
from trainer.core.security import redirect_to_next, role_required
from trainer.core.spreadsheets import CsvStyle
from trainer.extensions import db
from trainer.modules.accounts import blueprint, onboarding
from trainer.modules.accounts.access import (
    MANAGERS,
    administrators,
    centre_or_404,
    centres_of,
    person_or_404,
)
from trainer.modules.accounts.forms import StaffImportConfirmForm, StaffImportForm, choices
from trainer.modules.accounts.models import Centre
from trainer.modules.accounts.operations import AccountError
from trainer.modules.accounts.staff_csv import UnreadableFile, column_names

# A packed list is a few times smaller than the file; far more than any centre's staff.
MAX_UNPACKED_BYTES = 8 * 1024 * 1024


def pack(data: bytes) -> str:
    return urlsafe_b64encode(zlib.compress(data, 9)).decode()


def unpack(packed: str) -> bytes:
    try:
        unpacker = zlib.decompressobj()
        data = unpacker.decompress(urlsafe_b64decode(packed.encode()), MAX_UNPACKED_BYTES)
    except (binascii.Error, ValueError, zlib.error):
        abort(400)
    if unpacker.unconsumed_tail:
        abort(413)
    return data


def _upload_form(**kwargs) -> StaffImportForm:
    form = StaffImportForm(**kwargs)
    form.centre.choices = choices({c.id: c.name for c in centres_of(current_user)})
    return form


def _upload_page(form: StaffImportForm, status: int = 200):
    example = [
        column_names(),
        ["Aino Virtanen", "aino.virtanen@example.org", "fi"],
        ["Erik Nyström", "erik.nystrom@example.org", "sv"],
    ]
    delimiter = CsvStyle.current().delimiter
    return render_template(
        "accounts/import.html",
        form=form,
        example=[delimiter.join(row) for row in example],
        administrators=[] if form.centre.choices else administrators(),
    ), status


def _preview(plan: onboarding.ImportPlan, centre: Centre, data: bytes, status: int = 200):
    form = StaffImportConfirmForm(centre=centre.id, content=pack(data), digest=plan.digest)
    # With bad rows, the corrected file is sent from the preview itself, to the same centre.
    upload = None if plan.is_valid else _upload_form(formdata=None, centre=centre.id)
    return render_template(
        "accounts/import_preview.html",
        plan=plan,
        centre=centre,
        form=form,
        upload=upload,
        default_language=DEFAULT_LANGUAGE,
    ), status


@blueprint.route("/people/import", methods=["GET", "POST"])
@role_required(*MANAGERS)
def import_people():
    form = _upload_form()
    if not form.validate_on_submit():
        return _upload_page(form, 400 if form.errors else 200)
    centre = centre_or_404(form.centre.data, current_user)
    data = form.staff_file.data.read()
    try:
        plan = onboarding.plan_import(data, centre)
    except UnreadableFile as error:
        form.staff_file.errors.append(str(error))
        return _upload_page(form, 400)
    return _preview(plan, centre, data, 200 if plan.is_valid else 400)


@blueprint.post("/people/import/confirm")
@role_required(*MANAGERS)
def confirm_import():
    form = StaffImportConfirmForm()
    centre_id = whole_number(form.centre.data)  # ASCII digits: '²'.isdigit() is True
    if not form.validate_on_submit() or centre_id is None:
        abort(400)
    centre = centre_or_404(centre_id, current_user)
    data = unpack(form.content.data)
    try:
        plan = onboarding.plan_import(data, centre)
    except UnreadableFile:
        abort(400)
    if not plan.is_valid or plan.digest != form.digest.data:
        flash(_("The centre's people changed after the preview. Check the new preview."), "error")
        return _preview(plan, centre, data, 409)
    if not (plan.new_people or plan.updates):  # held people too: nothing may tell them apart
        flash(_("Nothing to change: everyone on the list is up to date."), "info")
        return redirect_to_next(url_for("accounts.import_people"))
    try:
        onboarding.apply_plan(plan, centre, current_user.id)
    except AccountError:
        db.session.rollback()  # someone added the same person a moment ago
        flash(_("The centre's people changed after the preview. Check the new preview."), "error")
        return _preview(onboarding.plan_import(data, centre), centre, data, 409)
    db.session.commit()
    # Counts only: the session cookie that carries it stays small for any list.
    flash(_imported_message(plan), "success")
    return redirect_to_next(url_for("accounts.import_people"))


def _imported_message(plan: onboarding.ImportPlan) -> str:
    created = ngettext(
        "%(num)d person added and invited", "%(num)d people added and invited", len(plan.creates)
    )
    updated = ngettext("%(num)d updated", "%(num)d updated", len(plan.updates))
    done = _("Import done: %(created)s, %(updated)s.", created=created, updated=updated)
    if not plan.creates:
        return done
    return (
        done
        + " "
        + _("The invitations are on their way; the list of invitations shows each one's status.")
    )


@blueprint.post("/people/<id:user_id>/invitation")
@role_required(*MANAGERS)
def send_invitation(user_id: int):
    """A new invitation link, e-mailed; earlier links keep working until one is used."""
    person = person_or_404(user_id, current_user)
    if person.password_hash is not None:
        flash(_("%(name)s has already chosen a password.", name=person.name), "info")
        return redirect_to_next(url_for("accounts.import_people"))
    onboarding.invite_again(person, current_user.id)
    db.session.commit()
    flash(_("A new invitation to %(email)s is on its way.", email=person.email), "success")
    return redirect_to_next(url_for("accounts.import_people"))
