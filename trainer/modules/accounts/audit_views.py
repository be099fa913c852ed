"""The admin's view of the audit log, filtered by action, subject, person and date."""

from datetime import UTC, datetime, time

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import DateField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from trainer.core.audit import SUBJECT_LENGTH, AuditEvent
from trainer.core.forms import Form
from trainer.core.inputs import PlainText, page_number
from trainer.core.security import role_required
from trainer.extensions import db
from trainer.modules.accounts import blueprint
from trainer.modules.accounts.access import ADMINS
from trainer.modules.accounts.models import EMAIL_LENGTH, User, user_by_email

PER_PAGE = 50


class AuditFilterForm(Form):
    class Meta:
        csrf = False  # a GET form that changes nothing

    action = SelectField(_l("Action"), validators=[Optional()])
    subject = StringField(
        _l("Subject contains"), validators=[Optional(), Length(max=SUBJECT_LENGTH), PlainText()]
    )
    actor = StringField(
        _l("Done by (e-mail)"), validators=[Optional(), Length(max=EMAIL_LENGTH), PlainText()]
    )
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])


def _filtered(form: AuditFilterForm):
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if form.action.data:
        query = query.where(AuditEvent.action == form.action.data)
    if form.subject.data:
        query = query.where(AuditEvent.subject.contains(form.subject.data.strip()))
    if form.actor.data:
        actor = user_by_email(form.actor.data)
        query = query.where(AuditEvent.actor_id == (actor.id if actor else None))
    if form.since.data:
        query = query.where(AuditEvent.at >= datetime.combine(form.since.data, time.min, UTC))
    if form.until.data:
        query = query.where(AuditEvent.at <= datetime.combine(form.until.data, time.max, UTC))
    return query


@blueprint.get("/admin/audit")
@role_required(*ADMINS)
def audit_log():
    form = AuditFilterForm(request.args)
    actions = db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    form.action.choices = [
        SelectChoice("", _l("Any action")),
        *(SelectChoice(a, a) for a in actions),
    ]
    valid = form.validate()
    page = db.paginate(
        _filtered(form) if valid else select(AuditEvent).where(AuditEvent.id.is_(None)),
        page=page_number(request.args),
        per_page=PER_PAGE,
        max_per_page=PER_PAGE,
        error_out=False,
    )
    actor_ids = {event.actor_id for event in page.items if event.actor_id}
    actors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(actor_ids)))}
    arguments = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "accounts/audit.html", form=form, page=page, actors=actors, arguments=arguments
    ), 200 if valid else 400
