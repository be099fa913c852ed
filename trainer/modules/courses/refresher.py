"""The refresher path of course.md: which modules a renewing learner takes again.

    refresher:
      modules: [recognising, helping]
      draw: {recognising: 3}

Without it a renewal asks every module's quiz again (lessons read in the last cycle on
the same content version count as read); with `modules`, only the modules listed, the
others carried over as done unless their content version changed since. `draw` makes a
module's quiz a shorter refresher quiz in renewals: that many questions from its pool.
"""

from dataclasses import dataclass

from trainer.modules.courses import messages as msg
from trainer.modules.courses.frontmatter import Fields, FrontMatter
from trainer.modules.courses.problems import Report

FIELD = "refresher"
REFRESHER_FIELDS = ("modules", "draw")


@dataclass(frozen=True, slots=True)
class Refresher:
    modules: tuple[str, ...] | None  # None: every module
    draw: tuple[tuple[str, int], ...]  # (module id, questions drawn in a renewal)


def parse_refresher(front: FrontMatter, report: Report) -> Refresher | None:
    """The refresher path, or None if the course declares none."""
    if FIELD not in front.values:
        return None
    fields = Fields(front.values, front, report, (FIELD,))
    group = fields.group(FIELD, REFRESHER_FIELDS)
    if group is None:
        return None
    modules = group.texts("modules") if group.has("modules") else None
    raw = front.values[FIELD]
    assert isinstance(raw, dict), "group() returned the fields of a mapping"
    draw = raw.get("draw")
    return Refresher(modules, _draw(group, draw) if group.has("draw") else ())


def _draw(group: Fields, value: object) -> tuple[tuple[str, int], ...]:
    """Each module's refresher draw; without a mapping, group() reports what is wrong."""
    draws = group.group("draw", tuple(str(key) for key in value) if isinstance(value, dict) else ())
    if draws is None or not isinstance(value, dict):
        return ()
    found = ((str(key), draws.whole_number(str(key), 1, 999)) for key in value)
    return tuple((key, number) for key, number in found if number is not None)


def check_refresher(
    refresher: Refresher | None, draws: dict[str, int], front: FrontMatter, report: Report
) -> Refresher | None:
    """The refresher with only what the course has (`draws`: each module's own draw);
    each module it does not have, and each draw larger than the module's, reported."""
    if refresher is None:
        return None
    line = front.lines.get(f"{FIELD}.modules", front.line)
    for module_id in refresher.modules or ():
        if module_id not in draws:
            report.error(line, msg.REFRESHER_UNKNOWN_MODULE, id=module_id)
    line = front.lines.get(f"{FIELD}.draw", front.line)
    for module_id, number in refresher.draw:
        if module_id not in draws:
            report.error(line, msg.REFRESHER_UNKNOWN_MODULE, id=module_id)
        elif number > draws[module_id]:
            report.error(line, msg.REFRESHER_DRAW_TOO_MANY, id=module_id, draw=draws[module_id])
    modules = refresher.modules
    return Refresher(
        tuple(m for m in modules if m in draws) if modules is not None else None,
        tuple((m, n) for m, n in refresher.draw if n <= draws.get(m, 0)),
    )
