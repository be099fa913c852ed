"""What the checker advises beyond correctness: honest minutes, quizzes without
structural tells, traceable sources. All are warnings: the course still loads, and
`trainer content check --strict` refuses them."""

from trainer.modules.courses import messages as msg
from trainer.modules.courses.estimates import (
    LessonEffort,
    check_lesson_minutes,
    check_minutes,
    count_words,
    quiz_minutes,
)
from trainer.modules.courses.parse import CourseSource, LessonSource, ModuleSource
from trainer.modules.courses.problems import Problem, Report
from trainer.modules.courses.references import check_sources
from trainer.modules.courses.tells import check_tells

HOURS_TOLERANCE = 0.5


def advise(
    course: CourseSource | None,
    modules: tuple[ModuleSource, ...],
    language: str,
    problems: list[Problem],
) -> None:
    for module in modules:
        report = Report(module.path, problems)
        _check_time(module, language, report)
        check_tells(module.questions, module.quiz_line, report)
        if module.sources is not None:
            check_sources(module.sources, report)
    if course is not None and modules:
        _check_hours(course, modules, Report(course.path, problems))


def lesson_effort(lesson: LessonSource) -> LessonEffort:
    decisions = sum(1 for step in lesson.case.steps if step.choices) if lesson.case else 0
    return LessonEffort(count_words(lesson.body.text), lesson.exercises, decisions)


def _check_time(module: ModuleSource, language: str, report: Report) -> None:
    total = float(quiz_minutes(module.draw))
    for lesson in module.lessons:
        effort = lesson_effort(lesson)
        if lesson.minutes is None:
            total += effort.minutes(language)
            continue
        total += lesson.minutes
        check_lesson_minutes(lesson.id, lesson.minutes, effort, language, lesson.line, report)
    if module.minutes and module.draw:
        check_minutes(module.minutes, total, module.line_of("minutes"), report, msg.MODULE_TIME)


def _check_hours(course: CourseSource, modules: tuple[ModuleSource, ...], report: Report) -> None:
    total = sum(module.minutes for module in modules) / 60
    if course.hours and abs(course.hours - total) > HOURS_TOLERANCE:
        line = course.front.lines.get("hours", course.front.line)
        report.warning(line, msg.COURSE_HOURS, hours=f"{course.hours:g}", total=f"{total:.1f}")
