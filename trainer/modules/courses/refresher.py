"""The refresher path of course.md: which modules a renewing learner takes again.

    refresher:
      modules: [recognising, helping]

Without it a renewal asks every module's quiz again (lessons read in the last cycle on
the same content version count as read); with it, only the modules listed, the others
carried over as done unless their content version changed since.
"""

from trainer.modules.courses import messages as msg
from trainer.modules.courses.frontmatter import Fields, FrontMatter
from trainer.modules.courses.problems import Report

FIELD = "refresher"
REFRESHER_FIELDS = ("modules",)


def parse_refresher(front: FrontMatter, report: Report) -> tuple[str, ...] | None:
    """The modules of the refresher path, or None if the course declares none."""
    if FIELD not in front.values:
        return None
    fields = Fields(front.values, front, report, (FIELD,))
    group = fields.group(FIELD, REFRESHER_FIELDS)
    if group is None:
        return None
    return group.texts("modules")


def check_refresher(
    modules: tuple[str, ...] | None, known: list[str], front: FrontMatter, report: Report
) -> tuple[str, ...] | None:
    """The refresher's modules that the course has; each other one is reported."""
    if modules is None:
        return None
    line = front.lines.get(f"{FIELD}.modules", front.line)
    for module_id in modules:
        if module_id not in known:
            report.error(line, msg.REFRESHER_UNKNOWN_MODULE, id=module_id)
    return tuple(m for m in modules if m in known)
