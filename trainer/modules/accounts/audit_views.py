"""The admin's view of the audit log: in words, in Helsinki time, filtered by kind of
event, by whom, about whom or what, and by date; the same selection as a CSV file."""

from datetime import timedelta

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone
from sqlalchemy import Select, String, cast, func, literal, or_, select
from wtforms.fields.choices import SelectChoice

from trainer.core.audit import AuditEvent
from trainer.core.i18n import start_of_day
from trainer.core.inputs import page_number
from trainer.core.security import role_required
from trainer.core.spreadsheets import csv_response
from trainer.extensions import db
from trainer.modules.accounts import blueprint
from trainer.modules.accounts.access import ADMINS
from trainer.modules.accounts.audit_words import WORDINGS, Names, describe, label
from trainer.modules.accounts.forms import AuditFilterForm
from trainer.modules.accounts.models import Centre, User

PER_PAGE = 50
# Events named at a time in the CSV: two queries for each, whatever the log's size.
EXPORT_CHUNK = 500


def _action_choices() -> list[SelectChoice]:
    """Every kind of event in words, and any older kind the log holds, by its code."""
    recorded = db.session.scalars(select(AuditEvent.action).distinct())
    kinds = sorted({*WORDINGS, *recorded}, key=lambda action: label(action).lower())
    return [SelectChoice("", _l("Any action")), *(SelectChoice(a, label(a)) for a in kinds)]


def _contains(column, text: str):
    return func.lower(column).contains(text.strip().lower(), autoescape=True)


def _is_person(text: str):
    """The person's name or e-mail has the text, in any case."""
    return or_(_contains(User.name, text), _contains(User.email, text))


def _about(text: str):
    """Events about a person or centre whose name (or e-mail) has the text, or whose
    subject as recorded has it (a typed e-mail of a failed sign-in)."""
    people = select(literal("user:") + cast(User.id, String)).where(_is_person(text))
    centres = select(literal("centre:") + cast(Centre.id, String)).where(
        _contains(Centre.name, text)
    )
    return or_(
        AuditEvent.subject.in_(people),
        AuditEvent.subject.in_(centres),
        _contains(AuditEvent.subject, text),
    )


def _filtered(form: AuditFilterForm) -> Select:
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if form.action.data:
        query = query.where(AuditEvent.action == form.action.data)
    if form.actor.data:
        query = query.where(
            AuditEvent.actor_id.in_(select(User.id).where(_is_person(form.actor.data)))
        )
    if form.about.data:
        query = query.where(_about(form.about.data))
    if form.since.data:
        query = query.where(AuditEvent.at >= start_of_day(form.since.data))
    if form.until.data:
        query = query.where(AuditEvent.at < start_of_day(form.until.data + timedelta(days=1)))
    return query


def _filter_form() -> tuple[AuditFilterForm, bool]:
    form = AuditFilterForm(request.args)
    form.action.choices = _action_choices()
    return form, form.validate()


@blueprint.get("/admin/audit")
@role_required(*ADMINS)
def audit_log():
    form, valid = _filter_form()
    page = db.paginate(
        _filtered(form) if valid else select(AuditEvent).where(AuditEvent.id.is_(None)),
        page=page_number(request.args),
        per_page=PER_PAGE,
        max_per_page=PER_PAGE,
        error_out=False,
    )
    names = Names(page.items)
    arguments = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "accounts/audit.html",
        form=form,
        page=page,
        sentences={event.id: describe(event, names) for event in page.items},
        arguments=arguments,
    ), 200 if valid else 400


def _export_rows(events: list[AuditEvent]):
    for start in range(0, len(events), EXPORT_CHUNK):
        chunk = events[start : start + EXPORT_CHUNK]
        names = Names(chunk)
        for event in chunk:
            yield (
                to_user_timezone(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                label(event.action),
                names.actor_with_email(event),
                names.subject(event),
                describe(event, names),
                event.address,
            )


@blueprint.get("/admin/audit.csv")
@role_required(*ADMINS)
def audit_log_csv():
    """The filtered log, every page of it, for Excel in the reader's language."""
    form, valid = _filter_form()
    if not valid:
        return audit_log()
    headers = (
        _("Time (Helsinki)"),
        _("Action"),
        _("Done by"),
        _("About"),
        _("What happened"),
        _("IP address"),
    )
    events = list(db.session.scalars(_filtered(form)))
    return csv_response(headers, _export_rows(events), "audit-log.csv")
