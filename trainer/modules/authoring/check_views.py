"""Checking a module file in the browser: upload or paste, see the messages and the preview.

Nothing is stored: the check runs in a temporary folder that is removed before the
page is sent, and the page is the response to the POST. The messages are worded in the
trainer's interface language and link to the authoring guide, which is served here too.
"""

from pathlib import Path

from flask import abort, current_app, render_template
from flask_babel import gettext as _

from trainer.core.limits import LimitExceeded, run_limited
from trainer.core.security import role_required
from trainer.modules.accounts.access import TRAINERS
from trainer.modules.authoring import blueprint
from trainer.modules.authoring.checking import check_upload
from trainer.modules.authoring.forms import CheckForm
from trainer.modules.authoring.guide import GUIDE_LANGUAGE, guide_html
from trainer.modules.authoring.uploads import UploadError, read_upload
from trainer.modules.authoring.views import preview_context
from trainer.modules.courses import catalogue


@blueprint.route("/check", methods=["GET", "POST"])
@role_required(*TRAINERS)
def check():
    form = CheckForm(catalogue(), current_app.config["MAX_CONTENT_LENGTH"])
    result = None
    if form.validate_on_submit():
        try:
            upload = read_upload(
                form.language.data, form.target.data, form.upload.data, form.text.data or ""
            )
        except UploadError as error:
            form[error.field].errors.append(str(error))
        else:
            result = _check_within_limits(upload, form)
    page = render_template(
        "authoring/check.html",
        form=form,
        result=result,
        has_guide=guide_html() is not None,
        **preview_context(),
    )
    return page, 400 if form.errors else 200


def _check_within_limits(upload, form: CheckForm):
    """The check in a child process with a time and memory limit, so that no upload can
    hold this worker; one that exceeds them is refused with a message."""
    config = current_app.config
    try:
        return run_limited(
            check_upload,
            Path(config["CONTENT_DIR"]),
            upload,
            seconds=config["CHECK_SECONDS"],
            memory_bytes=config["CHECK_MEMORY_BYTES"],
        )
    except LimitExceeded:
        field = "upload" if form.upload.data else "text"
        form[field].errors.append(
            _("The check took too long or needed too much memory: split the file or simplify it.")
        )
        return None


@blueprint.route("/guide")
@role_required(*TRAINERS)
def guide():
    html = guide_html()
    if html is None:
        abort(404)
    return render_template("authoring/guide.html", guide=html, guide_language=GUIDE_LANGUAGE)
