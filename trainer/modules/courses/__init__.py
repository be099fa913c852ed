"""The content pipeline: Markdown course files -> immutable, rendered Course objects.

`load_content` reads, checks and renders a content folder without any app;
`init_app` does it once at start-up; `catalogue()` gives the current app's result, `current_course()` the course in the
reader's language.
"""

from trainer.modules.courses.changes import Change, needs_retraining
from trainer.modules.courses.extension import (
    ContentError,
    catalogue,
    current_course,
    init_app,
    module_or_404,
)
from trainer.modules.courses.links import IMAGE_URL, LESSON_URL
from trainer.modules.courses.loader import LoadResult, load_content
from trainer.modules.courses.models import (
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
from trainer.modules.courses.problems import Problem
from trainer.modules.courses.render import MarkdownRenderer

__all__ = [
    "IMAGE_URL",
    "LESSON_URL",
    "Case",
    "Catalogue",
    "Change",
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
    "needs_retraining",
]
