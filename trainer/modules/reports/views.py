"""The managers' dashboard and its exports."""

from dataclasses import dataclass

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from trainer.core.security import role_required
from trainer.core.spreadsheets import csv_response, xlsx_response
from trainer.modules.accounts.access import (
    MANAGERS,
    administrators,
    centres_of,
    sees_every_centre,
)
from trainer.modules.accounts.invitations import link_for, open_invitations
from trainer.modules.accounts.models import Centre
from trainer.modules.courses import Course, current_course
from trainer.modules.cycles.status import CycleStatus
from trainer.modules.reports import blueprint
from trainer.modules.reports.exports import table
from trainer.modules.reports.progress import (
    PersonRow,
    Scope,
    best_scores,
    local_today,
    module_completions,
    people_progress,
)
from trainer.modules.reports.table import Filters, choose, page_of, parse_filters, summarise

# The table's columns, each with the orders its heading offers: (sort key, label). What a
# manager needs at a glance, so that it fits a laptop; the rest is on the person's page.
COLUMNS = (
    (("name", _l("Name")), ("email", _l("E-mail"))),
    (("centre", _l("Centre")),),
    (("status", _l("Status")), ("progress", _l("Progress"))),
    (("due", _l("Due date")),),
    (("activity", _l("Last activity")),),
    (("certificate", _l("Certificate")),),
)


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
        sees_every_centre=sees_every_centre(current_user),
        administrators=administrators() if not centres else [],
        summary=summarise(rows),
        chart=_chart(rows, course),
        page=page,
        course=course,
        invitation_links={user_id: link_for(token) for user_id, token in pending.items()},
        cycle_statuses=list(CycleStatus),
        module_titles={module.id: module.title for module in course.modules},
        columns=[c for c in COLUMNS if c[0][0] != "centre" or len(centres) > 1],
    )


@blueprint.get("/reports/completion.<any(csv, xlsx):kind>")
@role_required(*MANAGERS)
def export(kind: str):
    """The table with the dashboard's filters and order, every page of it."""
    filters = parse_filters(request.args)
    scope, _centres = _scope(filters)
    course = current_course()
    rows = choose(people_progress(scope, course, local_today()), filters)
    headers, lines = table(rows, best_scores(scope.people(), course), course)
    filename = f"completion-{local_today().isoformat()}.{kind}"
    if kind == "csv":
        return csv_response(headers, lines, filename)
    return xlsx_response(headers, lines, filename, _("Completion"))
