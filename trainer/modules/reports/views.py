"""The managers' dashboard and its exports."""

from dataclasses import dataclass
from io import BytesIO

from flask import abort, render_template, request, send_file
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from trainer.core.security import role_required
from trainer.modules.accounts.access import MANAGERS, centres_of, sees_every_centre
from trainer.modules.accounts.invitations import link_for, open_invitations
from trainer.modules.accounts.models import Centre
from trainer.modules.courses import Course, current_course
from trainer.modules.reports import blueprint
from trainer.modules.reports.exports import csv_bytes, table, xlsx_bytes
from trainer.modules.reports.labels import CERTIFICATE_LABELS, STATUS_LABELS
from trainer.modules.reports.progress import (
    PersonRow,
    Scope,
    best_scores,
    local_today,
    module_completions,
    people_progress,
)
from trainer.modules.reports.table import Filters, choose, page_of, parse_filters, summarise

# The table's columns, each with the orders its heading offers: (sort key, label).
COLUMNS = (
    (("name", _l("Name")), ("email", _l("E-mail"))),
    (("centre", _l("Centre")),),
    (("status", _l("Status")),),
    (("progress", _l("Progress")),),
    (("modules", _l("Modules done")),),
    (("scores", _l("Best quiz scores")),),
    (("activity", _l("Last activity")),),
    (("due", _l("Due date")),),
    (("certificate", _l("Certificate")),),
)
# Excel in Finland and Sweden reads semicolons as the column separator; elsewhere commas.
CSV_DELIMITERS = {"fi": ";", "sv": ";"}


@dataclass(frozen=True)
class ChartBar:
    title: str
    done: int
    percent: int


def _scope(filters: Filters) -> tuple[Scope, list[Centre]]:
    """The people the viewer may see, narrowed to one centre if asked; 404 for others'."""
    centres = centres_of(current_user)
    if filters.centre_id is not None:
        if filters.centre_id not in {centre.id for centre in centres}:
            abort(404)
        return Scope((filters.centre_id,)), centres
    if sees_every_centre(current_user):
        return Scope(None), centres
    return Scope(tuple(centre.id for centre in centres)), centres


def _chart(rows: list[PersonRow], course: Course) -> list[ChartBar]:
    done, people = module_completions(rows, course), len(rows)
    return [
        ChartBar(m.title, done[m.id], round(100 * done[m.id] / people) if people else 0)
        for m in course.modules
    ]


@blueprint.get("/reports")
@role_required(*MANAGERS)
def dashboard():
    filters = parse_filters(request.args)
    scope, centres = _scope(filters)
    course = current_course()
    rows = people_progress(scope, course, local_today())
    page = page_of(choose(rows, filters), filters.page)
    pending = open_invitations([row.id for row in page.rows if not row.has_password])
    return render_template(
        "reports/dashboard.html",
        filters=filters,
        centres=centres,
        summary=summarise(rows),
        chart=_chart(rows, course),
        page=page,
        course=course,
        scores=best_scores([row.id for row in page.rows], course),
        invitation_links={user_id: link_for(token) for user_id, token in pending.items()},
        columns=[c for c in COLUMNS if c[0][0] != "centre" or len(centres) > 1],
        status_labels=STATUS_LABELS,
        certificate_labels=CERTIFICATE_LABELS,
    )


@blueprint.get("/reports/completion.<any(csv, xlsx):kind>")
@role_required(*MANAGERS)
def export(kind: str):
    """The table with the dashboard's filters and order, every page of it."""
    filters = parse_filters(request.args)
    scope, _centres = _scope(filters)
    course = current_course()
    rows = choose(people_progress(scope, course, local_today()), filters)
    lines = table(rows, best_scores(scope.people(), course), course)
    if kind == "csv":
        delimiter = CSV_DELIMITERS.get(str(get_locale()), ",")
        data, mimetype = csv_bytes(lines, delimiter), "text/csv"  # Flask adds the charset
    else:
        data = xlsx_bytes(lines, _("Completion"))
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = send_file(
        BytesIO(data),
        mimetype=mimetype,
        as_attachment=True,
        download_name=f"completion-{local_today().isoformat()}.{kind}",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
