"""All the files of one language: read them, then check them together."""

from dataclasses import dataclass
from pathlib import Path

from trainer.modules.courses import messages as msg
from trainer.modules.courses.advice import advise
from trainer.modules.courses.parse import (
    COURSE_FILE,
    MODULE_FILE,
    CourseSource,
    ModuleSource,
    parse_course,
    parse_module,
)
from trainer.modules.courses.problems import Problem, Report
from trainer.modules.courses.wording import Template


@dataclass(frozen=True, slots=True)
class LanguageSource:
    """A language folder read but not rendered: `module_files` names every module
    file found, `modules` those that could be read, in course order."""

    language: str
    folder: Path
    course: CourseSource | None
    module_files: tuple[str, ...]
    modules: tuple[ModuleSource, ...]


def has_content(folder: Path) -> bool:
    return folder.is_dir() and any(_markdown_files(folder))


def _markdown_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.is_file())


def read_language(folder: Path, problems: list[Problem]) -> LanguageSource:
    course_path = folder / COURSE_FILE
    course = None
    if course_path.is_file():
        course = parse_course(course_path, Report(course_path, problems))
    else:
        Report(course_path, problems).error(0, msg.NO_COURSE_FILE)
    module_paths = [p for p in _markdown_files(folder) if p.name != COURSE_FILE]
    for path in module_paths:
        if not MODULE_FILE.fullmatch(path.name):
            Report(path, problems).warning(0, msg.NOT_A_MODULE_FILE)
    module_paths = [p for p in module_paths if MODULE_FILE.fullmatch(p.name)]
    parsed = (parse_module(path, Report(path, problems)) for path in module_paths)
    modules = sorted((m for m in parsed if m), key=lambda m: (m.order, m.file_name))
    _check_modules(folder, modules, problems)
    advise(course, tuple(modules), folder.name, problems)
    names = tuple(p.name for p in module_paths)
    return LanguageSource(folder.name, folder, course, names, tuple(modules))


def _check_modules(folder: Path, modules: list[ModuleSource], problems: list[Problem]) -> None:
    """Ids and orders used once, days in order: what no single file can show."""
    if not modules:
        Report(folder, problems).error(0, msg.NO_MODULES)
    _check_unique(modules, "id", msg.DUPLICATE_MODULE_ID, problems)
    _check_unique(modules, "order", msg.DUPLICATE_ORDER, problems)
    _check_days(modules, problems)


def _check_unique(
    modules: list[ModuleSource], field: str, template: Template, problems: list[Problem]
) -> None:
    first: dict[object, ModuleSource] = {}
    for module in modules:
        value = getattr(module, field)
        if value and value in first:
            other = first[value].file_name
            Report(module.path, problems).error(
                module.line_of(field), template, **{field: value}, other=other
            )
        elif value:
            first[value] = module


def _check_days(modules: list[ModuleSource], problems: list[Problem]) -> None:
    latest: ModuleSource | None = None
    for module in (m for m in modules if m.day):
        if latest and module.day < latest.day:
            Report(module.path, problems).error(
                module.line_of("day"),
                msg.DAY_OUT_OF_ORDER,
                day=module.day,
                other=latest.file_name,
                other_day=latest.day,
            )
        else:
            latest = module
