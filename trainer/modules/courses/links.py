"""Where links and images in the Markdown point, and where they point in the app.

Trainers write links that work when the files are browsed on GitHub; the app
serves lessons and images at its own URLs. The two URL patterns live here.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from trainer.modules.courses import messages as msg
from trainer.modules.courses.problems import Severity
from trainer.modules.courses.wording import Message, message

LESSON_URL = "/learn/{module}/{lesson}"
IMAGE_URL = "/content/images/{name}"

IMAGE_FOLDER = "../images/"
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
WEB_PREFIXES = ("https://", "http://", "mailto:")

_MODULE_LINK = re.compile(r"(?:\./)?(?P<file>\d\d-[^/#]+\.md)(?:#(?P<lesson>.*))?")
_IMAGE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")


@dataclass(frozen=True, slots=True)
class ModuleIndex:
    """What a link needs to know about a module file: its id and lessons."""

    module_id: str
    lesson_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LinkContext:
    """Where a piece of Markdown sits: which module (None for course.md), which
    modules of the same language exist (by file name), which images exist."""

    module: ModuleIndex | None
    modules: Mapping[str, ModuleIndex]
    images: frozenset[str]
    images_dir: Path


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem found in Markdown, located later by the text it is about."""

    message: Message
    needle: str
    severity: Severity = "error"


def resolve_link(href: str, context: LinkContext) -> tuple[str | None, Issue | None]:
    """The app URL for a link as written (None if not allowed), and any issue."""
    if href.lower().startswith(WEB_PREFIXES):
        return href, None
    if href.startswith("#") and context.module:
        return _lesson_url(href, context.module, message(msg.THIS_MODULE), href[1:])
    if m := _MODULE_LINK.fullmatch(href):
        target = context.modules.get(m["file"])
        if target is None:
            return None, Issue(message(msg.NO_SUCH_MODULE_FILE, target=href, file=m["file"]), href)
        first_lesson = next(iter(target.lesson_ids), "")
        return _lesson_url(href, target, m["file"], m["lesson"] or first_lesson)
    return None, Issue(message(msg.LINK_NOT_ALLOWED, target=href), href)


def _lesson_url(
    href: str, module: ModuleIndex, where: Message | str, lesson: str
) -> tuple[str | None, Issue | None]:
    if lesson in module.lesson_ids:
        return LESSON_URL.format(module=module.module_id, lesson=lesson), None
    broken = message(msg.BROKEN_LESSON_LINK, target=href, where=where, lesson=lesson)
    return None, Issue(broken, href)


def resolve_image(src: str, alt: str, context: LinkContext) -> tuple[str | None, list[Issue]]:
    """The app URL for an image as written (None if not allowed), and any issues."""
    issues = [] if alt.strip() else [Issue(message(msg.IMAGE_WITHOUT_ALT, src=src), src)]
    name = src.removeprefix(IMAGE_FOLDER)
    if name == src or not _IMAGE_NAME.fullmatch(name):
        return None, [*issues, Issue(message(msg.IMAGE_NOT_IN_FOLDER, src=src), src)]
    if not name.lower().endswith(IMAGE_TYPES):
        return None, [*issues, Issue(message(msg.IMAGE_TYPE, src=src), src)]
    if name not in context.images:
        missing = message(msg.IMAGE_NOT_FOUND, src=src, path=context.images_dir / name)
        return None, [*issues, Issue(missing, src)]
    return IMAGE_URL.format(name=name), issues
