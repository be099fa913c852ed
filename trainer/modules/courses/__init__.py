"""The content pipeline: Markdown course files -> immutable, rendered Course objects.

`load_content` reads, checks and renders a content folder without any app;
`init_app` does it once at start-up; `catalogue()` gives the current app's result, `current_course()` the course in the
reader's language.
"""

from .extension import ContentError, catalogue, current_course, init_app, module_or_404
from .links import IMAGE_URL, LESSON_URL
from .loader import LoadResult, load_content
from .models import (
    Case,
    Catalogue,
    Choice,
    Course,
    Lesson,
    Module,
    Option,
    Question,
    QuestionKind,
    Quiz,
    ShowAnswers,
    Step,
)
from .problems import Problem
from .render import MarkdownRenderer

__all__ = [
    "IMAGE_URL",
    "LESSON_URL",
    "Case",
    "Catalogue",
    "Choice",
    "ContentError",
    "Course",
    "Lesson",
    "LoadResult",
    "MarkdownRenderer",
    "Module",
    "Option",
    "Problem",
    "Question",
    "QuestionKind",
    "Quiz",
    "ShowAnswers",
    "Step",
    "catalogue",
    "current_course",
    "init_app",
    "load_content",
    "module_or_404",
]
