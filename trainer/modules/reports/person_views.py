"""One person's progress and deadline, and the deadlines of the viewer's centres."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from trainer.core.security import role_required
from trainer.extensions import db
from trainer.modules.accounts.access import MANAGERS, centre_or_404, centres_of, person_or_404
from trainer.modules.accounts.invitations import link_for, open_invitations
from trainer.modules.accounts.models import User
from trainer.modules.accounts.outbox import STATUS_LABELS, latest_invitation
from trainer.modules.certificates.queries import own_certificates
from trainer.modules.courses import current_course
from trainer.modules.learning.progress import course_progress
from trainer.modules.reports import blueprint, operations
from trainer.modules.reports.forms import DueDateForm
from trainer.modules.reports.models import CentreDeadline, PersonDeadline
from trainer.modules.reports.progress import local_today


def _person_page(person: User, form: DueDateForm, status: int = 200):
    own = db.session.get(PersonDeadline, person.id)
    centre_deadline = db.session.get(CentreDeadline, person.centre_id) if person.centre_id else None
    due_on = own.due_on if own else centre_deadline.due_on if centre_deadline else None
    invitation = None if person.password_hash else open_invitations([person.id]).get(person.id)
    return render_template(
        "reports/person.html",
        person=person,
        progress=course_progress(person.id, current_course()),
        certificates=own_certificates(person.id),
        own_deadline=own,
        centre_deadline=centre_deadline,
        is_overdue=due_on is not None and due_on < local_today(),
        invitation=invitation,
        invitation_link=link_for(invitation) if invitation else None,
        invitation_mail=None if person.password_hash else latest_invitation(person.id),
        mail_status_labels=STATUS_LABELS,
        form=form,
    ), status


@blueprint.get("/reports/people/<id:user_id>")
@role_required(*MANAGERS)
def person(user_id: int):
    this_person = person_or_404(user_id, current_user)
    own = db.session.get(PersonDeadline, this_person.id)
    return _person_page(this_person, DueDateForm(due_on=own.due_on if own else None))


@blueprint.post("/reports/people/<id:user_id>/due-date")
@role_required(*MANAGERS)
def person_due_date(user_id: int):
    this_person = person_or_404(user_id, current_user)
    form = DueDateForm()
    if not form.validate_on_submit():
        return _person_page(this_person, form, 400)
    operations.set_person_due_date(this_person.id, form.due_on.data, current_user.id)
    db.session.commit()
    flash(_("The due date of %(name)s is saved.", name=this_person.name), "success")
    return redirect(url_for("reports.person", user_id=this_person.id))


def _centre_forms(submitted: tuple[int, DueDateForm] | None = None):
    """Every centre's due-date form; `submitted` is (centre id, the form as sent)."""
    centres = centres_of(current_user)
    deadlines = {
        deadline.centre_id: deadline.due_on
        for deadline in db.session.scalars(
            select(CentreDeadline).where(CentreDeadline.centre_id.in_([c.id for c in centres]))
        )
    }
    forms = {centre.id: DueDateForm(due_on=deadlines.get(centre.id)) for centre in centres}
    if submitted is not None:
        submitted_id, submitted_form = submitted
        forms[submitted_id] = submitted_form
    for centre_id, form in forms.items():
        # Several forms on one page: each field and its label get an id of their own.
        form.due_on.id = form.due_on.label.field_id = f"centre-{centre_id}-due-on"
    return centres, forms


@blueprint.get("/reports/due-dates")
@role_required(*MANAGERS)
def due_dates():
    centres, forms = _centre_forms()
    return render_template("reports/due_dates.html", centres=centres, forms=forms)


@blueprint.post("/reports/centres/<id:centre_id>/due-date")
@role_required(*MANAGERS)
def centre_due_date(centre_id: int):
    centre = centre_or_404(centre_id, current_user)
    form = DueDateForm()
    if not form.validate_on_submit():
        centres, forms = _centre_forms((centre.id, form))
        return render_template("reports/due_dates.html", centres=centres, forms=forms), 400
    operations.set_centre_due_date(centre.id, form.due_on.data, current_user.id)
    db.session.commit()
    flash(_("The due date of %(centre)s is saved.", centre=centre.name), "success")
    return redirect(url_for("reports.due_dates"))
