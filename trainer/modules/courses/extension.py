"""The only Flask coupling: load the content once at start-up, refuse bad content."""

from pathlib import Path

from flask import Flask, current_app

from .loader import load_content
from .models import Catalogue

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
