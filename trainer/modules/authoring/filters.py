"""Template filters of the trainers' pages: numbers of the statistics, demoted headings."""

import re

from flask import Blueprint
from flask_babel import format_decimal, format_percent
from markupsafe import Markup

NOT_COMPUTED = "\u2013"  # an en dash
_HEADING = re.compile(r"<(/?)h([1-6])>")


def statistic(value: float | None) -> str:
    """A facility or discrimination with two decimals, in the reader's locale."""
    return NOT_COMPUTED if value is None else format_decimal(value, format="0.00")


def share(value: float | None) -> str:
    return NOT_COMPUTED if value is None else format_percent(value)


def demote_headings(html: str, by: int) -> Markup:
    """Sanitised HTML with each heading `by` levels lower (at most h6), classed by its
    level as written, so that it looks the same where a page holds several lessons."""

    def demoted(match: re.Match) -> str:
        closing, level = match[1], int(match[2])
        lower = min(6, level + by)
        return f"</h{lower}>" if closing else f'<h{lower} class="as-h{level}">'

    return Markup(_HEADING.sub(demoted, str(html)))  # noqa: S704 - only tag names change


def register(blueprint: Blueprint) -> None:
    blueprint.add_app_template_filter(statistic, "statistic")
    blueprint.add_app_template_filter(share, "share")
    blueprint.add_app_template_filter(demote_headings, "demote_headings")
