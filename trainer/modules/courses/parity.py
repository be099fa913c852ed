"""Every language must have the same structure as the reference language.

Structure is everything but wording: the same module files, ids, days, orders,
minutes and quiz settings, the same lessons in the same order, and the same
questions with the same type, number of options and right options. Problems are
reported in the file that differs from the reference, naming the reference file.
"""

from collections.abc import Callable

from trainer.modules.courses import messages as msg
from trainer.modules.courses.cases import CaseSource
from trainer.modules.courses.changes import changes_shape
from trainer.modules.courses.language import LanguageSource
from trainer.modules.courses.parse import CourseSource, ModuleSource
from trainer.modules.courses.problems import Problem, Report
from trainer.modules.courses.questions import QuestionSource
from trainer.modules.courses.wording import Message, Template, message

REFERENCE_LANGUAGE = "en"
_COMPARED_FIELDS: tuple[tuple[str, Callable[[ModuleSource], object]], ...] = (
    ("id", lambda m: m.id),
    ("day", lambda m: m.day),
    ("order", lambda m: m.order),
    ("minutes", lambda m: m.minutes),
    ("quiz.pass_mark", lambda m: m.pass_mark),
    ("quiz.draw", lambda m: m.draw),
    ("quiz.show_answers", lambda m: m.show_answers.value),
    ("quiz.wait_minutes", lambda m: str(m.wait_minutes)),
)


def check_parity(languages: list[LanguageSource], problems: list[Problem]) -> None:
    """Compare each language with English (or the first language if no English)."""
    reference = next((s for s in languages if s.language == REFERENCE_LANGUAGE), languages[0])
    for other in languages:
        if other is not reference:
            _compare_language(reference, other, problems)


def _compare_language(
    reference: LanguageSource, other: LanguageSource, problems: list[Problem]
) -> None:
    _compare_files(reference, other, problems)
    if reference.course and other.course:
        _compare_course(reference.course, other.course, Report(other.course.path, problems))
    by_name = {m.file_name: m for m in reference.modules}
    for module in other.modules:
        if module.file_name in by_name:
            _compare_module(by_name[module.file_name], module, Report(module.path, problems))


def _compare_course(reference: CourseSource, course: CourseSource, report: Report) -> None:
    _compare_refresher(reference, course, report)
    here, there = course.hours, reference.hours
    if here and there and here != there:
        line = course.front.lines.get("hours", course.front.line)
        report.error(
            line, msg.PARITY_FIELD, field="hours", here=here, there=there, reference=reference.path
        )


def _compare_refresher(reference: CourseSource, course: CourseSource, report: Report) -> None:
    here, there = (_refresher_shape(c) for c in (course, reference))
    if here != there:
        line = course.front.lines.get("refresher", course.front.line)
        report.error(line, msg.PARITY_REFRESHER, here=here, there=there, reference=reference.path)


def _refresher_shape(course: CourseSource) -> str:
    refresher = course.refresher
    if refresher is None:
        return "-"
    draws = ", ".join(f"{m} {n}" for m, n in refresher.draw)
    return ", ".join(refresher.modules or ("-",)) + (f" ({draws})" if draws else "")


def _compare_files(
    reference: LanguageSource, other: LanguageSource, problems: list[Problem]
) -> None:
    for name in reference.module_files:
        if name not in other.module_files:
            Report(other.folder / name, problems).error(
                0, msg.PARITY_MISSING_FILE, reference=reference.folder / name
            )
    for name in other.module_files:
        if name not in reference.module_files:
            Report(other.folder / name, problems).error(
                0, msg.PARITY_EXTRA_FILE, reference_folder=reference.folder
            )


def _compare_module(reference: ModuleSource, module: ModuleSource, report: Report) -> None:
    for field, value in _COMPARED_FIELDS:
        here, there = value(module), value(reference)
        if here and there and here != there:
            report.error(
                module.line_of(field),
                msg.PARITY_FIELD,
                field=field,
                here=here,
                there=there,
                reference=reference.path,
            )
    _compare_lessons(reference, module, report)
    _compare_changes(reference, module, report)
    _compare_cases(reference, module, report)
    _compare_questions(reference, module, report)


def _compare_changes(reference: ModuleSource, module: ModuleSource, report: Report) -> None:
    here, there = changes_shape(module.changes), changes_shape(reference.changes)
    if here != there:
        line = module.line_of("changes")
        report.error(line, msg.PARITY_CHANGES, here=here, there=there, reference=reference.path)


def _compare_lessons(reference: ModuleSource, module: ModuleSource, report: Report) -> None:
    here = [lesson.id for lesson in module.lessons]
    there = [lesson.id for lesson in reference.lessons]
    if here == there:
        return
    pairs = zip(here, there, strict=False)
    differing = next((i for i, (ours, theirs) in enumerate(pairs) if ours != theirs), len(there))
    line = module.lessons[min(differing, len(here) - 1)].line if here else 0
    report.error(
        line,
        msg.PARITY_LESSONS,
        here=_ids(here),
        there=_ids(there),
        reference=reference.path,
    )


def _compare_cases(reference: ModuleSource, module: ModuleSource, report: Report) -> None:
    """The same steps in the same order, each with the same choices leading to the
    same steps: a learner's path must mean the same in every language."""
    theirs = {lesson.id: lesson.case for lesson in reference.lessons}
    for lesson in module.lessons:
        here, there = _case_shape(lesson.case), _case_shape(theirs.get(lesson.id))
        if lesson.id in theirs and here != there:
            report.error(
                lesson.line,
                msg.PARITY_CASE,
                id=lesson.id,
                here=here,
                there=there,
                reference=reference.path,
            )


def _ids(ids: list[str]) -> Message | str:
    return ", ".join(ids) or message(msg.NO_LESSON_IDS)


def _case_shape(case: CaseSource | None) -> Message:
    """Each step with the steps its choices lead to; an ending step has no arrow."""
    if case is None:
        return message(msg.NO_CASE_STEPS)
    steps = (
        f"{s.id} → {', '.join(c.target for c in s.choices)}" if s.choices else s.id
        for s in case.steps
    )
    return message(msg.CASE_STEPS, steps="; ".join(steps))


def _compare_questions(reference: ModuleSource, module: ModuleSource, report: Report) -> None:
    theirs = {q.id: q for q in reference.questions}
    ours = {q.id for q in module.questions}
    for qid in sorted(theirs.keys() - ours):
        report.error(
            module.quiz_line, msg.PARITY_MISSING_QUESTION, id=qid, reference=reference.path
        )
    for question in module.questions:
        if question.id not in theirs:
            report.error(
                question.line, msg.PARITY_EXTRA_QUESTION, id=question.id, reference=reference.path
            )
        elif difference := _difference(question, theirs[question.id]):
            template, here, there = difference
            report.error(
                question.line,
                template,
                id=question.id,
                here=here,
                there=there,
                reference=reference.path,
            )


def _difference(
    question: QuestionSource, reference: QuestionSource
) -> tuple[Template, object, object] | None:
    """The first way the question differs from the reference: type, options, answer."""
    if question.kind != reference.kind:
        return msg.PARITY_QUESTION_TYPE, question.kind.value, reference.kind.value
    if len(question.options) != len(reference.options):
        return msg.PARITY_QUESTION_OPTIONS, len(question.options), len(reference.options)
    if question.answer != reference.answer:
        return msg.PARITY_QUESTION_ANSWER, _marked(question), _marked(reference)
    return None


def _marked(question: QuestionSource) -> Message:
    """The options marked right, as "option 2" or "options 1, 3" (or "no option")."""
    if not question.answer:
        return message(msg.NO_OPTION_MARKED)
    numbers = ", ".join(map(str, question.answer))
    return message(msg.OPTIONS_MARKED, numbers=numbers, count=len(question.answer))
