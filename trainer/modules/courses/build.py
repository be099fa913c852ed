"""Rendering the parsed files of one language into the app's immutable objects."""

from dataclasses import dataclass

from trainer.modules.courses.advice import lesson_effort
from trainer.modules.courses.cases import CaseSource
from trainer.modules.courses.changes import check_recorded
from trainer.modules.courses.links import LinkContext
from trainer.modules.courses.models import (
    Case,
    Choice,
    Course,
    Lesson,
    Module,
    Option,
    Question,
    Quiz,
    Step,
)
from trainer.modules.courses.parse import CourseSource, LessonSource, ModuleSource
from trainer.modules.courses.problems import Report
from trainer.modules.courses.questions import QuestionSource
from trainer.modules.courses.refresher import check_refresher
from trainer.modules.courses.render import MarkdownRenderer, Rendered
from trainer.modules.courses.source import Chunk
from trainer.modules.courses.version import content_version


@dataclass(frozen=True, slots=True)
class _Rendering:
    """Renders Markdown of one file and reports its issues at their lines."""

    renderer: MarkdownRenderer
    context: LinkContext
    report: Report

    def block(self, text: str, where: Chunk) -> str:
        if not text.strip():
            return ""
        return self._located(self.renderer.render(text, self.context), where)

    def inline(self, text: str, where: Chunk) -> str:
        if not text.strip():
            return ""
        return self._located(self.renderer.render_inline(text, self.context), where)

    def _located(self, rendered: Rendered, where: Chunk) -> str:
        for issue in rendered.issues:
            self.report.add(where.line_of(issue.needle), issue.message, issue.severity)
        return rendered.html


def build_module(
    source: ModuleSource, context: LinkContext, renderer: MarkdownRenderer, report: Report
) -> Module:
    rendering = _Rendering(renderer, context, report)
    lessons = tuple(_lesson(lesson, rendering, renderer.language) for lesson in source.lessons)
    sources = source.sources
    questions = tuple(_question(q, rendering) for q in source.questions)
    version = content_version(source)
    check_recorded(source.changes, version, source.line_of("changes"), report)
    return Module(
        id=source.id,
        order=source.order,
        day=source.day,
        title=source.title,
        minutes=source.minutes,
        objectives=source.objectives,
        lessons=lessons,
        sources_html=rendering.block(sources.text, sources) if sources else "",
        quiz=Quiz(
            source.pass_mark, source.draw, questions, source.show_answers, source.wait_minutes
        ),
        version=version,
        file_name=source.file_name,
        changes=source.changes,
    )


def _lesson(lesson: LessonSource, rendering: _Rendering, language: str) -> Lesson:
    minutes = lesson.minutes or max(1, round(lesson_effort(lesson).minutes(language)))
    if lesson.case is None:
        html = rendering.block(lesson.body.text, lesson.body)
        return Lesson(lesson.id, lesson.title, html, minutes)
    introduction = lesson.case.introduction
    html = rendering.block(introduction.text, introduction)
    return Lesson(lesson.id, lesson.title, html, minutes, _case(lesson.case, rendering))


def _case(case: CaseSource, rendering: _Rendering) -> Case:
    steps = tuple(
        Step(
            step.id,
            step.title,
            rendering.block(step.text.text, step.text),
            tuple(
                Choice(
                    c.number,
                    rendering.inline(c.text, step.text),
                    c.target,
                    rendering.block(c.feedback, step.text),
                )
                for c in step.choices
            ),
        )
        for step in case.steps
    )
    return Case(steps)


def _question(question: QuestionSource, rendering: _Rendering) -> Question:
    where = question.chunk
    options = tuple(
        Option(
            id=option.number,
            html=rendering.inline(option.text, where),
            feedback_html=rendering.block(option.feedback, where),
            is_correct=option.is_correct,
        )
        for option in question.options
    )
    return Question(
        id=question.id,
        kind=question.kind,
        prompt_html=rendering.inline(question.prompt, where),
        case_html=rendering.block(question.case.text, question.case),
        is_scenario=question.is_scenario,
        options=options,
        answer=question.answer,
        explanation_html=rendering.block(question.explanation, where),
    )


def build_course(
    source: CourseSource,
    modules: tuple[Module, ...],
    context: LinkContext,
    renderer: MarkdownRenderer,
    language: str,
    report: Report,
) -> Course:
    rendering = _Rendering(renderer, context, report)
    draws = {m.id: m.quiz.draw for m in modules}
    refresher = check_refresher(source.refresher, draws, source.front, report)
    return Course(
        language=language,
        title=source.title,
        hours=round(sum(m.minutes for m in modules) / 60, 1),
        certificate_text=source.certificate,
        description_html=rendering.block(source.description.text, source.description),
        modules=modules,
        refresher=refresher.modules if refresher else None,
        refresher_draw=refresher.draw if refresher else (),
    )
