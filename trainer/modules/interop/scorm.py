"""The course as a SCORM 1.2 package: one zip per language, each module a SCO.

A SCO is one page holding the module's lessons, its branching cases (walked by links)
and its quiz: the whole pool with the draw, graded in the browser by `scorm.js`, which
reports lesson_status, score and interactions to the host LMS's API. The answers are in
the package, as SCORM leaves no other way (the authoring guide says so). Everything the
pages need is inside the zip; nothing is fetched at run time.
"""

import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from flask import render_template
from flask_babel import force_locale, format_percent
from flask_babel import gettext as _
from markupsafe import Markup

from trainer.modules.courses import IMAGE_URL, LESSON_URL, Course, Module, Question

PACKAGE_FILES = Path(__file__).resolve().parent / "scorm_package"
SHARED = ("scorm.css", "scorm.js")
# ADL's SCORM 1.2 schemas, which conformance wants at the package's root.
SCHEMAS = ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd")
MIMETYPE = "application/zip"

_HEADING = re.compile(r"<(/?)h([1-6])([ >])")
_LESSON_LINK = re.compile(
    '<a href="' + LESSON_URL.format(module="(?P<module>[^/\"]+)", lesson="(?P<lesson>[^\"]+)")
    + '"(?P<rest>[^>]*)>(?P<text>.*?)</a>',
    re.DOTALL,
)  # fmt: skip
_IMAGE = re.compile('src="' + IMAGE_URL.format(name='(?P<name>[^"/]+)') + '"')


def package_name(course: Course) -> str:
    return f"trainer-scorm12-{course.language}.zip"


def build_package(
    course: Course, images_dir: Path, on_module: Callable[[Module], None] | None = None
) -> bytes:
    """The zip of `course`; `on_module` hears of each module as its SCO is written."""
    buffer = io.BytesIO()
    with force_locale(course.language), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zip:
        images: set[str] = set()
        for module in course.modules:
            page = sco_page(course, module)
            images |= set(_IMAGE.findall(page))
            zip.writestr(f"{module.id}/index.html", _packaged(page, module))
            if on_module:
                on_module(module)
        shared = [*(f"shared/{name}" for name in SHARED), *_image_paths(images)]
        for name in SHARED + SCHEMAS:
            zip.write(PACKAGE_FILES / name, name if name in SCHEMAS else f"shared/{name}")
        for name in sorted(images):
            zip.write(images_dir / name, f"shared/images/{name}")
        zip.writestr("imsmanifest.xml", manifest(course, shared))
    return buffer.getvalue()


def _image_paths(names: set[str]) -> Iterator[str]:
    return (f"shared/images/{name}" for name in sorted(names))


def manifest(course: Course, shared_files: list[str]) -> str:
    return render_template(
        "interop/scorm/imsmanifest.xml",
        course=course,
        identifier=f"trainer-course-{course.language}",
        version=content_version(course),
        shared_files=shared_files,
    )


def content_version(course: Course) -> str:
    """Changes exactly when some module's grading does."""
    joined = " ".join(module.version for module in course.modules)
    return hashlib.sha256(joined.encode()).hexdigest()[:12]


def sco_page(course: Course, module: Module) -> str:
    return render_template(
        "interop/scorm/sco.html",
        course=course,
        module=module,
        pass_mark=format_percent(module.quiz.pass_mark / 100),
        quiz=quiz_data(course, module),
        demoted=demoted,
    )


def quiz_data(course: Course, module: Module) -> dict:
    """What scorm.js grades with and says: the draw, the answers, feedback, words."""
    quiz = module.quiz
    return {
        "language": course.language,
        "module": module.id,
        "draw": quiz.draw,
        "passMark": quiz.pass_mark,
        "showAnswers": str(quiz.show_answers),
        "questions": [_question_data(question) for question in quiz.questions],
        "words": _words(module),
    }


def _question_data(question: Question) -> dict:
    return {
        "id": question.id,
        "kind": str(question.kind),
        "answer": list(question.answer),
        "feedback": {str(option.id): option.feedback_html for option in question.options},
        "explanation": question.explanation_html,
    }


def _words(module: Module) -> dict[str, str]:
    """The sentences scorm.js writes, in the package's language; {score} and {number}
    are filled in there."""
    mark = format_percent(module.quiz.pass_mark / 100)
    return {
        "passed": _("You passed"),
        "failed": _("Not passed yet"),
        "score": _("Your score: %(score)s. The pass mark is %(mark)s.", score="{score}", mark=mark),
        "right": _("Right"),
        "partly": _("Partly right"),
        "wrong": _("Not right"),
        "rightAnswer": _("The right answer"),
        "rightOrder": _("The right order"),
        "shownOnPass": _("The right answers are shown once you pass."),
        "neverShown": _("This quiz does not show the right answers."),
        "unanswered": _("Some questions are not answered yet"),
        "question": _("Question %(number)d").replace("%(number)d", "{number}"),
        "noPlatform": _(
            "No learning platform answered, so this result is shown here but not recorded."
        ),
    }


def demoted(html: str, by: int = 1) -> Markup:
    """Sanitised HTML with each heading `by` levels lower (at most h6): a SCO page holds
    every lesson under the module's title."""

    def lower(match: re.Match) -> str:
        return f"<{match[1]}h{min(6, int(match[2]) + by)}{match[3]}"

    return Markup(_HEADING.sub(lower, html))  # noqa: S704 - only tag names change


def _packaged(page: str, module: Module) -> str:
    """The page with links to this module's lessons as anchors, links to other modules
    (other SCOs, which only the LMS launches) as their text, images from the package."""

    def link(match: re.Match) -> str:
        if match["module"] == module.id:
            return f'<a href="#{match["lesson"]}"{match["rest"]}>{match["text"]}</a>'
        return str(match["text"])

    page = _LESSON_LINK.sub(link, page)
    return _IMAGE.sub(lambda found: f'src="../shared/images/{found["name"]}"', page)
