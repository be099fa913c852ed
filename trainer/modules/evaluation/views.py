"""The learner's evaluation form, and the trainers' results and their exports."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from trainer.core.database import read_only
from trainer.core.i18n import LANGUAGES
from trainer.core.inputs import whole_number
from trainer.core.security import role_required
from trainer.core.spreadsheets import csv_response, xlsx_response
from trainer.extensions import db
from trainer.modules.accounts.access import TRAINERS
from trainer.modules.courses import current_course
from trainer.modules.evaluation import blueprint, operations
from trainer.modules.evaluation.answers import COMMENT_LIMIT, read_answer, statement_text
from trainer.modules.evaluation.exports import comments_table, numbers_table, scale_labels
from trainer.modules.evaluation.operations import GROUP_SIZE, AlreadyReplied, invited_completion
from trainer.modules.evaluation.results import (
    NO_CENTRE,
    chosen,
    counted_groups,
    summarise,
    waiting,
)


def _after_replying():
    return redirect(url_for("certificates.completed"))


def _already_replied():
    db.session.rollback()
    flash(_("You have already answered the course evaluation. Thank you."), "info")
    return _after_replying()


@blueprint.route("/learn/evaluation", methods=["GET", "POST"])
@login_required
def form():
    """The form, for a learner whose completion's evaluation is still open."""
    course = current_course()
    completion = invited_completion(current_user.id)
    if course.evaluation is None or completion is None:
        return _after_replying()
    sent: MultiDict[str, str] = MultiDict()
    problems: list[str] = []
    if request.method == "POST":
        sent = request.form
        given, problems = read_answer(sent, course.evaluation)
        if given is not None:
            try:
                operations.answer(completion, current_user, course, given)
            except AlreadyReplied:
                return _already_replied()
            db.session.commit()
            flash(_("Thank you. Your answers were saved without your name."), "success")
            return _after_replying()
    page = render_template(
        "evaluation/form.html",
        evaluation=course.evaluation,
        wording=lambda text: statement_text(course.evaluation, text),
        scale=scale_labels(),
        sent=sent,
        problems=problems,
        comment_limit=COMMENT_LIMIT,
        group_size=GROUP_SIZE,
    )
    return page, 400 if problems else 200


@blueprint.post("/learn/evaluation/no-thanks")
@login_required
def decline():
    completion = invited_completion(current_user.id)
    if completion is None:
        return _after_replying()
    try:
        operations.decline(completion)
    except AlreadyReplied:
        return _already_replied()
    db.session.commit()
    flash(_("You will not be asked about the course evaluation again."), "info")
    return _after_replying()


def _selection() -> tuple[int | None, str | None]:
    """The centre (an id, NO_CENTRE, or None for all) and language (None: all) asked for."""
    centre = whole_number(request.args.get("centre"), minimum=NO_CENTRE)
    language = request.args.get("language")
    return centre, language if language in LANGUAGES else None


@blueprint.get("/evaluation")
@read_only
@role_required(*TRAINERS)
def results():
    groups = counted_groups()
    centre, language = _selection()
    evaluation = current_course().evaluation
    return render_template(
        "evaluation/results.html",
        groups=groups,
        centres=sorted({(g.centre_id or NO_CENTRE, g.centre) for g in groups}, key=lambda c: c[1]),
        centre=centre,
        language=language,
        results=summarise(chosen(groups, centre, language), evaluation),
        scale=scale_labels(),
        waiting=waiting(),
        group_size=GROUP_SIZE,
        is_off=evaluation is None,
    )


@blueprint.get("/evaluation/<any(numbers, comments):table>.<any(csv, xlsx):kind>")
@read_only
@role_required(*TRAINERS)
def export(table: str, kind: str):
    """The chosen centre and language's results, a line per group and statement, or
    their comments."""
    centre, language = _selection()
    groups = chosen(counted_groups(), centre, language)
    if table == "numbers":
        headers, lines = numbers_table(groups, current_course().evaluation)
        title = _("Course evaluation")
    else:
        headers, lines = comments_table(groups)
        title = _("Comments")
    filename = f"evaluation-{table}.{kind}"
    if kind == "csv":
        return csv_response(headers, lines, filename)
    return xlsx_response(headers, lines, filename, title)
