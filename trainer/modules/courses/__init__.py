"""The content pipeline: Markdown course files -> immutable, rendered Course objects.

`load_content` reads, checks and renders a content folder without any app;
`init_app` does it once at start-up; `catalogue()` gives the current app's result.
"""

from .extension import ContentError, catalogue, init_app
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
    "init_app",
    "load_content",
]
