"""Checking an upload against the published course, in a folder that is thrown away.

The published languages are copied into a temporary content folder, the upload is
put in place of its counterpart (a zipped language folder in place of the whole
folder), and the folder is loaded with the very loader the app starts with. So the
messages, parity included, are those `trainer content check` would print.
"""

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from trainer.core.i18n import LANGUAGES
from trainer.modules.authoring.uploads import COURSE_FILE, Upload
from trainer.modules.courses import Course, Module, Problem, load_content

SHOWN_ROOT = "content"


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """An uploaded file: where it would go, its lines, and the problems found in it."""

    path: str
    lines: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def by_line(self) -> dict[int, list[Problem]]:
        """The problems at each line (leaving out those about the whole file)."""
        found: dict[int, list[Problem]] = {}
        for problem in self.problems:
            if problem.line:
                found.setdefault(problem.line, []).append(problem)
        return found


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Problems by file; `course` and `modules` are the upload rendered, if error-free."""

    language: str
    files: tuple[CheckedFile, ...]
    elsewhere: tuple[Problem, ...]
    course: Course | None
    modules: tuple[Module, ...]
    shows_course: bool

    @property
    def problems(self) -> tuple[Problem, ...]:
        return (*(p for f in self.files for p in f.problems), *self.elsewhere)

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warning_count(self) -> int:
        return sum(1 for p in self.problems if not p.is_error)


def check_upload(published: Path, upload: Upload) -> CheckResult:
    """Load the published course with the upload in place; nothing outlives the call."""
    with tempfile.TemporaryDirectory(prefix="trainer-check-") as scratch:
        root = Path(scratch) / SHOWN_ROOT
        _copy_published(published, root, upload)
        folder = root / upload.language
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in upload.files.items():
            (folder / name).write_text(text, encoding="utf-8")
        result = load_content(root)
        problems = [_as_shown(p, str(root)) for p in result.problems]
    course = result.catalogue.course(upload.language) if result.catalogue else None
    return _result(upload, problems, course)


def _copy_published(published: Path, root: Path, upload: Upload) -> None:
    """The published .md files of every language, and a link to the shared images."""
    for language in LANGUAGES:
        if upload.is_folder and language == upload.language:
            continue
        source = published / language
        if source.is_dir():
            (root / language).mkdir(parents=True)
            for path in source.glob("*.md"):
                shutil.copyfile(path, root / language / path.name)
    images = published / "images"
    if images.is_dir():
        root.mkdir(parents=True, exist_ok=True)
        # The loader only reads images; a link spares copying them for every check.
        os.symlink(images.resolve(), root / "images", target_is_directory=True)


def _as_shown(problem: Problem, root: str) -> Problem:
    """The problem with the temporary folder's path shown as content/..."""
    return problem.replacing(root, SHOWN_ROOT)


def _result(upload: Upload, problems: list[Problem], course: Course | None) -> CheckResult:
    folder = f"{SHOWN_ROOT}/{upload.language}"
    paths = {f"{folder}/{name}": text for name, text in upload.files.items()}
    files = tuple(
        CheckedFile(path, tuple(text.splitlines()), tuple(p for p in problems if p.path == path))
        for path, text in sorted(paths.items())
    )
    # Published files had no errors: an error there now comes from the upload.
    elsewhere = tuple(
        p
        for p in problems
        if p.path not in paths and (p.is_error or (upload.is_folder and p.path.startswith(folder)))
    )
    modules = tuple(m for m in course.modules if m.file_name in upload.files) if course else ()
    return CheckResult(
        upload.language, files, elsewhere, course, modules, COURSE_FILE in upload.files
    )
