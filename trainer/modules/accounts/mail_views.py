"""The outbox as people see it: an admin every e-mail (and sends a failed one again),
a manager the invitations of their centres' people."""

from collections.abc import Sequence
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Row, Select, func, select

from trainer.core import jobs, mail
from trainer.core.inputs import page_number
from trainer.core.security import role_required
from trainer.extensions import db
from trainer.modules.accounts import blueprint
from trainer.modules.accounts.access import ADMINS, MANAGERS, centres_of
from trainer.modules.accounts.outbox import STATUS_LABELS, all_mail, counts, invitations_to

PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    rows: Sequence[Row]
    number: int
    count: int
    total: int


def page_of(query: Select) -> Page:
    total = db.session.execute(
        select(func.count()).select_from(query.order_by(None).subquery())
    ).scalar_one()
    count = max(1, -(-total // PER_PAGE))
    number = min(page_number(request.args), count)
    rows = db.session.execute(query.limit(PER_PAGE).offset((number - 1) * PER_PAGE)).all()
    return Page(rows, number, count, total)


@blueprint.get("/admin/mail")
@role_required(*ADMINS)
def mail_outbox():
    status = request.args.get("status", "")
    status = status if status in STATUS_LABELS else ""
    return render_template(
        "accounts/mail_outbox.html",
        page=page_of(all_mail(status or None)),
        status=status,
        counts=counts(),
        status_labels=STATUS_LABELS,
        kind_label=mail.kind_label,
        log_only=mail.log_only(),
    )


@blueprint.post("/admin/mail/<id:job_id>/retry")
@role_required(*ADMINS)
def retry_mail(job_id: int):
    job = db.session.get(jobs.Job, job_id)
    if job is None or not job.kind.startswith(mail.KIND_PREFIX):
        abort(404)
    if job.status == jobs.JobStatus.FAILED:
        jobs.retry_now(job)
        db.session.commit()
        flash(_("The e-mail is queued again."), "success")
    return redirect(url_for("accounts.mail_outbox", status=request.form.get("status") or None))


@blueprint.get("/people/invitations")
@role_required(*MANAGERS)
def invitation_status():
    centres = centres_of(current_user)
    return render_template(
        "accounts/invitation_status.html",
        page=page_of(invitations_to([centre.id for centre in centres])),
        status_labels=STATUS_LABELS,
        show_centre=len(centres) > 1,
    )
