"""The course evaluation as the course file defines it: a few statements to agree or
disagree with (ids the same in every language, wording in each) and one open question.

```yaml
evaluation:
  statements:
    relevant: The course was relevant to my work.
  question: What would you change in the course?
```

`evaluation: off` turns it off; a course file without `evaluation` gets the built-in
evaluation (DEFAULT_STATEMENTS, worded by the UI catalogues). Problems are reported
like every other front matter field's, with file and line; every language must have
the same statements in the same order as the reference language.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace

from trainer.modules.courses import messages as msg
from trainer.modules.courses.frontmatter import Fields, FrontMatter
from trainer.modules.courses.language import LanguageSource
from trainer.modules.courses.models import Course, Evaluation, Statement
from trainer.modules.courses.parity import REFERENCE_LANGUAGE
from trainer.modules.courses.problems import Problem, Report
from trainer.modules.courses.source import check_id
from trainer.modules.courses.wording import N_, message

FIELD = "evaluation"
FIELDS = ("statements", "question")
MAX_STATEMENTS = 10
MAX_TEXT = 200
# What a course gets when its file says nothing: ids and English wording (msgids).
DEFAULT_STATEMENTS = (
    ("relevant", N_("The course was relevant to my work.")),
    (
        "signs",
        N_(
            "After the course I am more confident that I can recognise possible signs "
            "of human trafficking."
        ),
    ),
    ("clear", N_("The course material was clear and easy to follow.")),
    ("length", N_("The length of the course was about right.")),
    ("recommend", N_("I would recommend the course to a colleague.")),
)
DEFAULT_QUESTION = N_("What would you change in the course?")


BUILT_IN = Evaluation(
    tuple(Statement(i, text) for i, text in DEFAULT_STATEMENTS), DEFAULT_QUESTION, built_in=True
)


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A language's evaluation (None: off) and the lines its parts were written on."""

    evaluation: Evaluation | None
    front: FrontMatter
    report: Report


def with_evaluations(
    courses: Mapping[str, Course | None], languages: list[LanguageSource], problems: list[Problem]
) -> dict[str, Course | None]:
    """The courses with their evaluations, read from each language's course file."""
    evaluations = read_evaluations(languages, problems)
    return {
        language: replace(course, evaluation=evaluations.get(language)) if course else None
        for language, course in courses.items()
    }


def read_evaluations(
    languages: list[LanguageSource], problems: list[Problem]
) -> dict[str, Evaluation | None]:
    """Each language's evaluation from its course file, every language compared with the
    reference language (English, else the first), as the parity check does."""
    parsed = {
        source.language: _parse(source.course.front, Report(source.course.path, problems))
        for source in languages
        if source.course
    }
    reference = REFERENCE_LANGUAGE if REFERENCE_LANGUAGE in parsed else next(iter(parsed), None)
    for language, other in parsed.items():
        if reference is not None and language != reference:
            _compare(parsed[reference], other, Report(other.report.path, problems))
    return {language: p.evaluation for language, p in parsed.items()}


def _parse(front: FrontMatter, report: Report) -> _Parsed:
    value = front.values.get(FIELD)
    line = front.lines.get(FIELD, front.line)
    if FIELD not in front.values:
        return _Parsed(BUILT_IN, front, report)
    if value is False or (isinstance(value, str) and value.strip() == "off"):
        return _Parsed(None, front, report)
    if not isinstance(value, dict):
        report.error(line, msg.EVALUATION_NOT_OFF)
        return _Parsed(None, front, report)
    fields = Fields(value, front, report, FIELDS, FIELD + ".")
    question = fields.text("question") or ""
    _check_length(question, fields.line("question"), "question", report)
    statements = _statements(value.get("statements"), fields, report)
    return _Parsed(Evaluation(statements, question), front, report)


def _statements(value: object, fields: Fields, report: Report) -> tuple[Statement, ...]:
    name, line = f"{FIELD}.statements", fields.line("statements")
    if value is None or value == {}:
        report.error(line, msg.MISSING_FIELD, field=name)
        return ()
    if not isinstance(value, dict):
        report.error(line, msg.NOT_FIELDS, field=name)
        return ()
    if len(value) > MAX_STATEMENTS:
        report.error(line, msg.EVALUATION_TOO_MANY, count=len(value), limit=MAX_STATEMENTS)
    statements = []
    for key, text in value.items():
        field = f"{name}.{key}"
        where = fields.line(f"statements.{key}")
        if not check_id(str(key), where, report):
            continue
        if not isinstance(text, str) or not text.strip():
            report.error(where, msg.NOT_TEXT, field=field)
            continue
        _check_length(text.strip(), where, field, report)
        statements.append(Statement(str(key), text.strip()))
    return tuple(statements)


def _check_length(text: str, line: int, field: str, report: Report) -> None:
    if len(text) > MAX_TEXT:
        report.error(line, msg.EVALUATION_TOO_LONG, field=field, length=len(text), limit=MAX_TEXT)


def _state(evaluation: Evaluation | None) -> msg.Template:
    if evaluation is None:
        return msg.EVALUATION_STATE_OFF
    return msg.EVALUATION_STATE_BUILT_IN if evaluation.built_in else msg.EVALUATION_STATE_OWN


def _compare(reference: _Parsed, other: _Parsed, report: Report) -> None:
    here, there = _state(other.evaluation), _state(reference.evaluation)
    line = other.front.lines.get(FIELD, other.front.line)
    if here != there:
        report.error(
            line,
            msg.EVALUATION_PARITY,
            here=message(here),
            there=message(there),
            reference=reference.report.path,
        )
        return
    if other.evaluation and reference.evaluation:
        _compare_statements(reference, other.evaluation, other.front, report)


def _compare_statements(
    reference: _Parsed, evaluation: Evaluation, front: FrontMatter, report: Report
) -> None:
    assert reference.evaluation is not None
    theirs, ours = reference.evaluation.statement_ids, evaluation.statement_ids
    group = front.lines.get(f"{FIELD}.statements", front.lines.get(FIELD, front.line))
    lines: Mapping[str, int] = {s: front.lines.get(f"{FIELD}.statements.{s}", group) for s in ours}
    path = reference.report.path
    for missing in (s for s in theirs if s not in ours):
        report.error(group, msg.EVALUATION_MISSING_STATEMENT, id=missing, reference=path)
    for extra in (s for s in ours if s not in theirs):
        report.error(lines[extra], msg.EVALUATION_EXTRA_STATEMENT, id=extra, reference=path)
    if set(theirs) == set(ours) and theirs != ours:
        report.error(
            group,
            msg.EVALUATION_ORDER,
            here=", ".join(ours),
            there=", ".join(theirs),
            reference=path,
        )
