"""Loading the whole content folder: read, check, render, in that order.

The same function serves the app at start-up and `trainer content check`: it
never raises on bad content, it reports every problem and then gives a
catalogue only if none of them is an error.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from trainer.core.i18n import LANGUAGES
from trainer.modules.courses import messages as msg
from trainer.modules.courses.build import build_course, build_module
from trainer.modules.courses.evaluation import with_evaluations
from trainer.modules.courses.language import LanguageSource, has_content, read_language
from trainer.modules.courses.links import LinkContext, ModuleIndex
from trainer.modules.courses.models import Catalogue, Course
from trainer.modules.courses.parity import check_parity
from trainer.modules.courses.problems import Problem, Report
from trainer.modules.courses.render import MarkdownRenderer

IMAGES_FOLDER = "images"
_SVG_ACTIVE = re.compile(r"<script|<foreignObject|<a[\s>]|\son[a-z]+\s*=|javascript:", re.I)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The catalogue (None if any problem is an error) and every problem found,
    sorted by file and line."""

    catalogue: Catalogue | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def load_content(content_dir: Path) -> LoadResult:
    problems: list[Problem] = []
    languages = _read_languages(content_dir, problems)
    if languages:
        check_parity(languages, problems)
    images = _images(content_dir / IMAGES_FOLDER, problems)
    courses = {
        s.language: _build(s, images, content_dir / IMAGES_FOLDER, problems) for s in languages
    }
    courses = with_evaluations(courses, languages, problems)
    problems.sort(key=lambda p: (p.path, p.line))
    if not languages or any(p.is_error for p in problems):
        return LoadResult(None, problems)
    return LoadResult(Catalogue({lang: c for lang, c in courses.items() if c}), problems)


def _read_languages(content_dir: Path, problems: list[Problem]) -> list[LanguageSource]:
    present = [lang for lang in LANGUAGES if has_content(content_dir / lang)]
    if not present:
        folders = ", ".join(str(content_dir / lang) for lang in LANGUAGES)
        Report(content_dir, problems).error(0, msg.NO_CONTENT, folders=folders)
        return []
    for lang in LANGUAGES:
        if lang not in present:
            Report(content_dir / lang, problems).warning(0, msg.NO_LANGUAGE)
    return [read_language(content_dir / lang, problems) for lang in present]


def _images(folder: Path, problems: list[Problem]) -> frozenset[str]:
    """The names of the images, after checking that no SVG among them can run code."""
    if not folder.is_dir():
        return frozenset()
    names = frozenset(p.name for p in folder.iterdir() if p.is_file())
    for name in names:
        if name.lower().endswith(".svg"):
            _check_svg(folder / name, Report(folder / name, problems))
    return names


def _check_svg(path: Path, report: Report) -> None:
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as error:
        report.error(0, msg.CANNOT_READ, problem=error.strerror or error)
        return
    if m := _SVG_ACTIVE.search(text):
        report.error(text.count("\n", 0, m.start()) + 1, msg.SVG_SCRIPT)


def _build(
    source: LanguageSource, images: frozenset[str], images_dir: Path, problems: list[Problem]
) -> Course | None:
    """Render a language's files; None if it has no readable course.md."""
    renderer = MarkdownRenderer(source.language)
    index = {
        m.file_name: ModuleIndex(m.id, tuple(lsn.id for lsn in m.lessons)) for m in source.modules
    }
    modules = tuple(
        build_module(
            module,
            LinkContext(index[module.file_name], index, images, images_dir),
            renderer,
            Report(module.path, problems),
        )
        for module in source.modules
    )
    if source.course is None:
        return None
    context = LinkContext(None, index, images, images_dir)
    report = Report(source.course.path, problems)
    return build_course(source.course, modules, context, renderer, source.language, report)
