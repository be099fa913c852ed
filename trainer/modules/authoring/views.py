"""Trainers' pages on the published course: preview, translations side by side, statistics.

Every page only reads: nothing here records progress or starts an attempt.
"""

from flask import abort, render_template, request
from flask_babel import force_locale
from werkzeug.datastructures import ImmutableMultiDict

from trainer.core.i18n import LANGUAGES
from trainer.core.security import role_required
from trainer.core.spreadsheets import csv_response
from trainer.modules.accounts.access import TRAINERS
from trainer.modules.authoring import blueprint
from trainer.modules.authoring.case_statistics import case_statistics
from trainer.modules.authoring.export import statistics_table
from trainer.modules.authoring.queries import statistics_page
from trainer.modules.authoring.statistics import TOO_EASY_ABOVE, TOO_HARD_BELOW, Basis
from trainer.modules.courses import Module, catalogue, current_course, module_or_404
from trainer.modules.quizzes.answers import field_name


def published_languages() -> tuple[str, ...]:
    """The course's languages in the order fi, sv, en."""
    offered = catalogue().languages
    return tuple(language for language in LANGUAGES if language in offered)


def _module_in(language: str, module_id: str) -> Module:
    return catalogue().module(language, module_id) or abort(404)


def preview_context() -> dict:
    """What the question macro needs on a page without a form."""
    return {"field_name": field_name, "form_data": ImmutableMultiDict()}


def _preview(template: str, language: str, **context) -> str:
    """A preview page in the content's language, interface included, as learners see it."""
    with force_locale(language):
        return render_template(
            template, language=language, published=published_languages(), **context
        )


@blueprint.get("/")
@role_required(*TRAINERS)
def index():
    return render_template(
        "authoring/index.html", course=current_course(), preview_languages=published_languages()
    )


@blueprint.get("/preview/<language>/<module_id>")
@role_required(*TRAINERS)
def preview_module(language: str, module_id: str):
    module = _module_in(language, module_id)
    return _preview("authoring/module.html", language, module=module)


@blueprint.get("/preview/<language>/<module_id>/<lesson_id>")
@role_required(*TRAINERS)
def preview_lesson(language: str, module_id: str, lesson_id: str):
    module = _module_in(language, module_id)
    lesson = module.lesson(lesson_id) or abort(404)
    index = module.lessons.index(lesson)
    return _preview(
        "authoring/lesson.html",
        language,
        module=module,
        lesson=lesson,
        number=index + 1,
        previous=module.lessons[index - 1] if index > 0 else None,
        following=module.lessons[index + 1] if index + 1 < len(module.lessons) else None,
    )


@blueprint.get("/preview/<language>/<module_id>/quiz")
@role_required(*TRAINERS)
def preview_quiz(language: str, module_id: str):
    module = _module_in(language, module_id)
    return _preview("authoring/quiz.html", language, module=module, **preview_context())


@blueprint.get("/compare/<module_id>")
@role_required(*TRAINERS)
def compare(module_id: str):
    modules = [(language, _module_in(language, module_id)) for language in published_languages()]
    return render_template(
        "authoring/compare.html", modules=modules, reference=module_or_404(module_id)
    )


@blueprint.get("/statistics/<module_id>")
@role_required(*TRAINERS)
def statistics(module_id: str):
    try:
        basis = Basis(request.args.get("attempts", Basis.FIRST.value))
    except ValueError:
        abort(404)
    module = module_or_404(module_id)
    page = statistics_page(module, basis)
    return render_template(
        "authoring/statistics.html",
        page=page,
        stats=page.statistics,
        cases=case_statistics(module, basis),
        too_easy=TOO_EASY_ABOVE,
        too_hard=TOO_HARD_BELOW,
    )


@blueprint.get("/statistics/<module_id>/export.csv")
@role_required(*TRAINERS)
def statistics_export(module_id: str):
    module = module_or_404(module_id)
    header, lines = statistics_table(module)
    return csv_response(header, lines, f"statistics-{module.id}.csv")
