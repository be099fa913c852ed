"""The course in the reader's language, for the views of this and higher modules."""

from flask import abort
from flask_babel import get_locale

from trainer.modules.courses import Course, Module, catalogue


def current_course() -> Course:
    """The course in the interface language, or the first language it has."""
    courses = catalogue()
    return courses.course(courses.language_for(str(get_locale())))


def module_or_404(module_id: str) -> Module:
    return current_course().module(module_id) or abort(404)
