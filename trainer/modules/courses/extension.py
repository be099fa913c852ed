"""The only Flask coupling: load the content once at start-up, refuse bad content, and
give views the course in the reader's language."""

from pathlib import Path

from flask import Flask, abort, current_app
from flask_babel import get_locale

from trainer.modules.courses.loader import load_content
from trainer.modules.courses.models import Catalogue, Course, Module

EXTENSION_KEY = "courses"


class ContentError(RuntimeError):
    """The content has errors; the message lists each as path:line: message."""


def init_app(app: Flask) -> None:
    """Load `CONTENT_DIR` into `app.extensions["courses"]`, or raise ContentError."""
    result = load_content(Path(app.config["CONTENT_DIR"]))
    if result.catalogue is None:
        listed = "\n".join(str(problem) for problem in result.errors)
        raise ContentError(f"the course content has {len(result.errors)} error(s):\n{listed}")
    for warning in result.warnings:
        app.logger.warning("content: %s", warning)
    app.extensions[EXTENSION_KEY] = result.catalogue


def catalogue() -> Catalogue:
    """The current app's catalogue."""
    return current_app.extensions[EXTENSION_KEY]


def current_course() -> Course:
    """The course in the interface language, or the first language it has."""
    courses = catalogue()
    return courses.course(courses.language_for(str(get_locale())))


def module_or_404(module_id: str) -> Module:
    return current_course().module(module_id) or abort(404)
