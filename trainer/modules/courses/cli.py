"""`trainer content check`: plain click, so it works when the app would refuse to start."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask
from flask_babel import Babel, force_locale
from flask_babel import gettext as _

from trainer.core.i18n import LANGUAGES

from .loader import LoadResult, load_content

CONTENT_DIR_VARIABLE = "TRAINER_CONTENT_DIR"
MESSAGES_LANGUAGE = "en"


@click.group()
def content() -> None:
    """Check the course content."""


@content.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    default=MESSAGES_LANGUAGE,
    show_default=True,
    help="Language of the messages.",
)
def check(directory: Path | None, strict: bool, language: str) -> None:
    """Check DIRECTORY (default: $TRAINER_CONTENT_DIR, else ./content) and list
    every problem as path:line: message. Exit 1 on errors (or warnings, with --strict)."""
    directory = directory or Path(os.environ.get(CONTENT_DIR_VARIABLE) or "content")
    result = load_content(directory)
    with worded_in(language):
        for problem in result.problems:
            click.echo(str(problem))
        counts = _("{errors} error(s), {warnings} warning(s)").format(
            errors=len(result.errors), warnings=len(result.warnings)
        )
        click.echo(f"{directory}: {counts}{_loaded(result)}")
    if result.errors or (strict and result.warnings):
        raise click.exceptions.Exit(1)


@contextmanager
def worded_in(language: str) -> Iterator[None]:
    """Messages in `language` from the app's catalogues. Flask-Babel finds them through
    an app; a bare one does, as the configured app may refuse to start because of the
    very content being checked."""
    app = Flask("trainer")
    Babel(app)
    with app.app_context(), force_locale(language):
        yield


def _loaded(result: LoadResult) -> str:
    if result.catalogue is None:
        return ""
    catalogue = result.catalogue
    return _("; {count} module(s) in {languages}").format(
        count=len(catalogue.module_ids), languages=", ".join(catalogue.languages)
    )
