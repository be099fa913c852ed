"""`trainer content check`: plain click, so it works when the app would refuse to start."""

import os
from pathlib import Path

import click

from .loader import LoadResult, load_content

CONTENT_DIR_VARIABLE = "TRAINER_CONTENT_DIR"


@click.group()
def content() -> None:
    """Check the course content."""


@content.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(directory: Path | None, strict: bool) -> None:
    """Check DIRECTORY (default: $TRAINER_CONTENT_DIR, else ./content) and list
    every problem as path:line: message. Exit 1 on errors (or warnings, with --strict)."""
    directory = directory or Path(os.environ.get(CONTENT_DIR_VARIABLE) or "content")
    result = load_content(directory)
    for problem in result.problems:
        click.echo(str(problem))
    errors, warnings = len(result.errors), len(result.warnings)
    click.echo(f"{directory}: {errors} error(s), {warnings} warning(s){_loaded(result)}")
    if errors or (strict and warnings):
        raise click.exceptions.Exit(1)


def _loaded(result: LoadResult) -> str:
    if result.catalogue is None:
        return ""
    catalogue = result.catalogue
    languages = ", ".join(catalogue.languages)
    return f"; {len(catalogue.module_ids)} module(s) in {languages}"
