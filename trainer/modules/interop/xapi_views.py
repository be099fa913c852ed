"""The admin's view of the xAPI statements: what waits, what went, what failed and why."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from trainer.core import jobs
from trainer.core.security import role_required
from trainer.extensions import db
from trainer.modules.accounts.access import ADMINS
from trainer.modules.accounts.mail_views import page_of
from trainer.modules.interop import blueprint
from trainer.modules.interop.xapi_queue import STATUS_LABELS, counts, failed, in_words, statements
from trainer.modules.interop.xapi_sending import KIND


@blueprint.get("/admin/xapi")
@role_required(*ADMINS)
def xapi_queue():
    status = request.args.get("status", "")
    status = status if status in STATUS_LABELS else ""
    language = str(get_locale() or "en")
    return render_template(
        "interop/xapi_queue.html",
        page=page_of(statements(status or None)),
        status=status,
        counts=counts(),
        status_labels=STATUS_LABELS,
        in_words=lambda statement: in_words(statement, language),
        enabled=current_app.config["XAPI_ENABLED"],
        endpoint=current_app.config["XAPI_ENDPOINT"],
    )


@blueprint.post("/admin/xapi/<id:job_id>/retry")
@role_required(*ADMINS)
def retry_statement(job_id: int):
    job = db.session.get(jobs.Job, job_id)
    if job is None or job.kind != KIND:
        abort(404)
    if job.status == jobs.JobStatus.FAILED:
        jobs.retry_now(job)
        db.session.commit()
        flash(_("The statement is queued again."), "success")
    return redirect(url_for("interop.xapi_queue", status=request.form.get("status") or None))


@blueprint.post("/admin/xapi/retry-failed")
@role_required(*ADMINS)
def retry_failed_statements():
    again = failed()
    for job in again:
        jobs.retry_now(job)
    db.session.commit()
    flash(_("Failed statements queued again: %(count)d.", count=len(again)), "success")
    return redirect(url_for("interop.xapi_queue"))
