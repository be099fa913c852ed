"""The quiz of a module: start an attempt, answer it on one page, see the result."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required

from trainer.extensions import db
from trainer.modules.courses import Module, ShowAnswers, current_course, module_or_404
from trainer.modules.quizzes import blueprint, operations
from trainer.modules.quizzes.answers import ParsedAnswers, field_name, parse_answers
from trainer.modules.quizzes.models import QuizAttempt
from trainer.modules.quizzes.queries import attempt_history, own_attempt_or_404, passed_before
from trainer.modules.quizzes.signals import landing


def _draw(module: Module) -> int:
    """Questions drawn for the viewer: from the second training cycle on, a renewal,
    the course's shorter refresher quiz if it gives the module one."""
    if current_user.cycle > 1:
        return current_course().draw_in_renewal(module)
    return module.quiz.draw


@blueprint.get("/learn/<module_id>/quiz")
@login_required
def quiz(module_id: str):
    module = module_or_404(module_id)
    return render_template(
        "quizzes/quiz.html",
        module=module,
        draw=_draw(module),
        history=attempt_history(current_user.id, module.id),
        open_attempt=operations.open_attempt(current_user.id, module),
        retry_at=operations.retry_at(current_user.id, module),
    )


@blueprint.post("/learn/<module_id>/quiz")
@login_required
def start(module_id: str):
    module = module_or_404(module_id)
    try:
        attempt = operations.start_attempt(
            current_user.id, module, current_course().language, _draw(module)
        )
    except operations.TooSoon as wait:
        at = format_datetime(wait.at, "short")
        flash(
            _("Read the feedback and the lessons again first: you can try again at %(at)s.", at=at),
            "error",
        )
        return redirect(url_for("quizzes.quiz", module_id=module.id))
    db.session.commit()
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


def _attempt_page(attempt: QuizAttempt, module: Module, parsed: ParsedAnswers | None = None):
    items = [
        (position, module.quiz.question(d.question_id), d.option_ids)
        for position, d in enumerate(operations.drawn_questions(attempt), start=1)
    ]
    return render_template(
        "quizzes/attempt.html",
        attempt=attempt,
        module=module,
        items=items,
        problems=parsed.problems if parsed else {},
        form=request.form,
        field_name=field_name,
    )


def _result_page(attempt: QuizAttempt, module: Module, notice: str | None = None):
    # A question since removed from the course has nothing left to show.
    answers = [(a, q) for a in attempt.answers if (q := module.quiz.question(a.question_id))]
    shown = module.quiz.show_answers
    modules = current_course().modules
    following = next((m for m in modules if m.order > module.order), None)
    return render_template(
        "quizzes/result.html",
        attempt=attempt,
        module=module,
        answers=answers,
        notice=notice,
        counts=_counts(answers),
        reveal=shown is ShowAnswers.ALWAYS
        or (shown is ShowAnswers.AFTER_PASS and attempt.is_passed),
        passed_before=not attempt.is_passed and passed_before(attempt),
        retry_at=None if attempt.is_passed else operations.retry_at(attempt.user_id, module),
        following=following,
    )


def _counts(answers) -> dict[str, int]:
    """How many answers were right, partly right and not right."""
    right = sum(1 for answer, _question in answers if answer.is_right)
    partly = sum(1 for answer, _question in answers if not answer.is_right and answer.score > 0)
    return {"right": right, "partly": partly, "wrong": len(answers) - right - partly}


def _attempt_module(attempt: QuizAttempt) -> Module:
    """The module as the attempt was drawn from it; 410 if the quiz has changed since."""
    module = module_or_404(attempt.module_id)
    if not attempt.is_submitted and module.version != attempt.content_version:
        abort(410)
    return module


@blueprint.get("/attempts/<id:attempt_id>")
@login_required
def attempt(attempt_id: int):
    attempt = own_attempt_or_404(attempt_id, current_user.id)
    module = _attempt_module(attempt)
    if attempt.is_submitted:
        return _result_page(attempt, module)
    return _attempt_page(attempt, module)


@blueprint.post("/attempts/<id:attempt_id>")
@login_required
def submit(attempt_id: int):
    attempt = own_attempt_or_404(attempt_id, current_user.id)
    module = _attempt_module(attempt)
    already = _("This quiz was already submitted. The result below is the one recorded.")
    if attempt.is_submitted:
        return _result_page(attempt, module, notice=already), 409
    parsed = parse_answers(module, operations.drawn_questions(attempt), request.form)
    if parsed.problems:
        return _attempt_page(attempt, module, parsed), 400
    try:
        operations.submit_attempt(attempt, module, parsed.chosen)
    except operations.AttemptAlreadySubmitted:
        db.session.rollback()
        db.session.refresh(attempt)
        return _result_page(attempt, module, notice=already), 409
    db.session.commit()
    result = url_for("quizzes.attempt", attempt_id=attempt.id, _anchor="result")
    return redirect(landing(result))
