"""Question statistics as a spreadsheet: one row per question, basis and language, with
the headers and words in the trainer's language."""

from collections.abc import Iterator

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from trainer.core.spreadsheets import Value
from trainer.modules.authoring.queries import answer_rows
from trainer.modules.authoring.statistics import (
    Basis,
    Flag,
    ModuleStatistics,
    QuestionReport,
    QuestionStats,
    module_statistics,
)
from trainer.modules.courses import Module

BASIS_LABELS = {Basis.FIRST: _l("First attempts"), Basis.ALL: _l("All attempts")}
FLAG_LABELS = {
    Flag.TOO_EASY: _l("Too easy"),
    Flag.TOO_HARD: _l("Too hard"),
    Flag.NEGATIVE: _l("Negative discrimination"),
}


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _header(option_count: int) -> list[str]:
    return [
        _("Module"),
        _("Content version"),
        _("Question"),
        _("Question text"),
        _("Attempts counted"),
        _("Language"),
        _("Answers"),
        _("Facility"),
        _("Discrimination"),
        _("Flags"),
        *(_("Option %(number)d", number=n) for n in range(1, option_count + 1)),
    ]


def _row(module: Module, basis: Basis, report: QuestionReport, stats: QuestionStats) -> list[Value]:
    shares = [_number(share) for _option, share in stats.option_shares]
    # The prompt was sanitised when the content was loaded; only its text is kept.
    prompt = Markup(report.question.prompt_html).striptags()  # noqa: S704
    return [
        module.id,
        module.version,
        report.question.id,
        prompt,
        str(BASIS_LABELS[basis]),
        stats.language or _("All languages"),
        stats.answers,
        _number(stats.facility),
        _number(stats.discrimination),
        ", ".join(str(FLAG_LABELS[flag]) for flag in stats.flags),
        *shares,
    ]


def _rows(statistics: ModuleStatistics, width: int) -> Iterator[list[Value]]:
    """Every row, padded to `width` cells."""
    for report in statistics.questions:
        for stats in (report.overall, *report.by_language):
            row = _row(statistics.module, statistics.basis, report, stats)
            yield row + [None] * (width - len(row))


def statistics_table(module: Module) -> tuple[list[str], list[list[Value]]]:
    """The header, then first attempts and all attempts, for all languages together and
    each language."""
    rows = answer_rows(module)
    header = _header(max((len(q.options) for q in module.quiz.questions), default=0))
    lines = [
        line
        for basis in Basis
        for line in _rows(module_statistics(module, rows, basis), len(header))
    ]
    return header, lines
