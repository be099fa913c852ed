"""Sources a learner can trace: every item of a module's Sources list names a link or a
legal identifier, and the date it was read."""

import re

from trainer.modules.courses import messages as msg
from trainer.modules.courses.problems import Report
from trainer.modules.courses.source import Chunk

_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+(?P<text>.*)$")
_LINK = re.compile(r"https?://\S+")
# Finlex and government proposal numbers (39/1889, 746/2011, HE 65/2024, SopS 43/2012), Council of
# Europe treaties (CETS 197) and EU law (CELEX 32011L0036).
_LEGAL = re.compile(r"\b\d{1,4}/(?:18|19|20)\d\d\b|\bCETS\s*(?:No\.?\s*)?\d+|\b3\d{4}[LRDF]\d{4}\b")
_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b|\b\d{1,2}\.\d{1,2}\.20\d\d\b")
_SHOWN = 60


def check_sources(sources: Chunk, report: Report) -> None:
    for line, text in _items(sources):
        if not (_LINK.search(text) or _LEGAL.search(text)) or not _DATE.search(text):
            shown = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
            report.warning(line, msg.SOURCE_UNTRACEABLE, source=shown)


def _items(sources: Chunk) -> list[tuple[int, str]]:
    """Each list item with its continuation lines joined, and the line it starts on."""
    items: list[tuple[int, str]] = []
    for offset, text in enumerate(sources.lines):
        if m := _ITEM.match(text):
            items.append((sources.line + offset, m["text"]))
        elif items and text.strip() and text[:1] in (" ", "\t"):
            items[-1] = (items[-1][0], items[-1][1] + " " + text.strip())
    return items
