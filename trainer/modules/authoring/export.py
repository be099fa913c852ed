"""Question statistics as CSV: one row per question, basis and language."""

import csv
import io
from collections.abc import Iterator

from markupsafe import Markup

from trainer.modules.authoring.queries import answer_rows
from trainer.modules.authoring.statistics import (
    Basis,
    ModuleStatistics,
    QuestionReport,
    QuestionStats,
    module_statistics,
)
from trainer.modules.courses import Module

ALL_LANGUAGES = "all"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Text a spreadsheet would run as a formula, made plain text."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _number(value: float | None) -> str:
    # Numbers are written by us, never by users: "-0.250" stays a number.
    return "" if value is None else f"{value:.3f}"


def _header(option_count: int) -> list[str]:
    fixed = ["module", "content_version", "question", "question_text", "attempts", "language"]
    measures = ["answers", "facility", "discrimination", "flags"]
    return [*fixed, *measures, *(f"option_{n}" for n in range(1, option_count + 1))]


def _row(module: Module, basis: Basis, report: QuestionReport, stats: QuestionStats) -> list:
    shares = [_number(share) for _option, share in stats.option_shares]
    # The prompt was sanitised when the content was loaded; only its text is kept.
    prompt = neutralise(Markup(report.question.prompt_html).striptags())  # noqa: S704
    return [
        module.id,
        module.version,
        report.question.id,
        prompt,
        basis.value,
        stats.language or ALL_LANGUAGES,
        stats.answers,
        _number(stats.facility),
        _number(stats.discrimination),
        " ".join(flag.value for flag in stats.flags),
        *shares,
    ]


def _rows(statistics: ModuleStatistics, width: int) -> Iterator[list]:
    """Every row, padded to `width` cells."""
    for report in statistics.questions:
        for stats in (report.overall, *report.by_language):
            row = _row(statistics.module, statistics.basis, report, stats)
            yield row + [""] * (width - len(row))


def statistics_csv(module: Module) -> str:
    """First attempts and all attempts, for all languages together and each language."""
    rows = answer_rows(module)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = _header(max((len(q.options) for q in module.quiz.questions), default=0))
    writer.writerow(header)
    for basis in Basis:
        writer.writerows(_rows(module_statistics(module, rows, basis), len(header)))
    return "\ufeff" + out.getvalue()  # the BOM makes spreadsheets read UTF-8
