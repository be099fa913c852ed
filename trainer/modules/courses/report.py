"""What `trainer content check` prints: every problem as path:line: message, then a
count, in the language asked for. Plain code, no app: the configured app may refuse to
start because of the very content being checked."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask_babel import Babel, force_locale
from flask_babel import gettext as _

from trainer.modules.courses.loader import LoadResult

CONTENT_DIR_VARIABLE = "TRAINER_CONTENT_DIR"
MESSAGES_LANGUAGE = "en"


def content_folder(directory: Path | None) -> Path:
    """The folder asked for, else $TRAINER_CONTENT_DIR, else ./content."""
    return directory or Path(os.environ.get(CONTENT_DIR_VARIABLE) or "content")


@contextmanager
def worded_in(language: str) -> Iterator[None]:
    """Messages in `language` from the app's catalogues. Flask-Babel finds them through
    an app; a bare one does."""
    app = Flask("trainer")
    Babel(app)
    with app.app_context(), force_locale(language):
        yield


def report_lines(directory: Path, result: LoadResult) -> list[str]:
    """Each problem, then the counts (inside `worded_in`, in its language)."""
    counts = _("{errors} error(s), {warnings} warning(s)").format(
        errors=len(result.errors), warnings=len(result.warnings)
    )
    return [str(problem) for problem in result.problems] + [
        f"{directory}: {counts}{_loaded(result)}"
    ]


def _loaded(result: LoadResult) -> str:
    if result.catalogue is None:
        return ""
    catalogue = result.catalogue
    return _("; {count} module(s) in {languages}").format(
        count=len(catalogue.module_ids), languages=", ".join(catalogue.languages)
    )
