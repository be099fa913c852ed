"""A branching case as written: an introduction, then steps, each ending in choices.

    # Case: an evening shift {#case-evening .branching minutes=20}
    Introduction ...

    ## Something is not right {#notice}
    Step text ...

    - [Talk with him tomorrow, in private](#talk)
      : Feedback shown after choosing it.

A step without choices is an ending. The checker makes sure that every choice leads
to a step of the case, that every step can be reached from the first, and that no
path loops, so every path ends.
"""

import re
from dataclasses import dataclass

from trainer.modules.courses import messages as msg
from trainer.modules.courses.problems import Report
from trainer.modules.courses.source import Chunk, parse_sections

_CHOICE = re.compile(r"[-*+][ \t]+\[(?P<text>[^\]]*)\]\(#(?P<target>[^()\s]*)\)[ \t]*$")
_ANY_ITEM = re.compile(r"[-*+][ \t]+\S")
_FEEDBACK = re.compile(r"[ \t]+:(?:[ \t]+(?P<text>.*))?$")


@dataclass(frozen=True, slots=True)
class ChoiceSource:
    number: int
    text: str
    target: str
    feedback: str
    line: int


@dataclass(frozen=True, slots=True)
class StepSource:
    id: str
    title: str
    line: int
    text: Chunk
    choices: tuple[ChoiceSource, ...]

    @property
    def is_ending(self) -> bool:
        return not self.choices


@dataclass(frozen=True, slots=True)
class CaseSource:
    id: str
    introduction: Chunk
    steps: tuple[StepSource, ...]

    def step(self, step_id: str) -> StepSource | None:
        return next((s for s in self.steps if s.id == step_id), None)


def parse_case(case_id: str, line: int, body: Chunk, report: Report) -> CaseSource:
    introduction, sections = parse_sections(body, 2, report)
    steps = tuple(
        _step(section.heading.id, section.heading.title, section.heading.line, section.body, report)
        for section in sections
        if section.heading.id is not None
    )
    case = CaseSource(case_id, introduction, steps)
    _check_case(case, line, report)
    return case


def _step(step_id: str, title: str, line: int, body: Chunk, report: Report) -> StepSource:
    """The step's text, then its choices: everything from the first choice on."""
    first = next((i for i, text in enumerate(body.lines) if _CHOICE.match(text)), None)
    if first is None:
        return StepSource(step_id, title, line, body, ())
    choices: list[ChoiceSource] = []
    for index in range(first, len(body.lines)):
        text, where = body.lines[index], body.line + index
        if m := _CHOICE.match(text):
            choices.append(
                ChoiceSource(len(choices) + 1, m["text"].strip(), m["target"], "", where)
            )
        elif _ANY_ITEM.match(text):
            report.error(where, msg.CASE_BAD_CHOICE, id=step_id)
        elif not choices[-1].feedback and (m := _FEEDBACK.match(text)):
            choices[-1] = _with_feedback(choices[-1], m["text"] or "")
        elif text[:1] in (" ", "\t") and choices[-1].feedback:
            choices[-1] = _with_feedback(choices[-1], choices[-1].feedback + "\n" + text.strip())
        elif text.strip():
            report.error(where, msg.CASE_TEXT_AFTER_CHOICES, id=step_id)
            break
    return StepSource(step_id, title, line, Chunk(body.line, body.lines[:first]), tuple(choices))


def _with_feedback(choice: ChoiceSource, feedback: str) -> ChoiceSource:
    return ChoiceSource(choice.number, choice.text, choice.target, feedback.strip(), choice.line)


def _check_case(case: CaseSource, line: int, report: Report) -> None:
    if not case.steps:
        report.error(line, msg.CASE_NO_STEPS, id=case.id)
        return
    ids = {step.id for step in case.steps}
    for step in case.steps:
        _check_choices(step, ids, report)
    if not any(step.is_ending for step in case.steps):
        report.error(line, msg.CASE_NO_ENDING, id=case.id)
    _check_paths(case, report)


def _check_choices(step: StepSource, ids: set[str], report: Report) -> None:
    if len(step.choices) == 1:
        report.error(step.line, msg.CASE_ONE_CHOICE, id=step.id)
    for choice in step.choices:
        if choice.target not in ids:
            report.error(
                choice.line,
                msg.CASE_BAD_TARGET,
                id=step.id,
                choice=choice.text,
                target=choice.target,
            )


def _check_paths(case: CaseSource, report: Report) -> None:
    """Every step reachable from the first; no loop. A depth-first walk, iterative so
    that a long case cannot exhaust the stack."""
    start = case.steps[0]
    state: dict[str, str] = {}
    trail: list[str] = []
    stack: list[tuple[str, int]] = [(start.id, 0)]
    while stack:
        step_id, next_choice = stack.pop()
        step = case.step(step_id)
        if next_choice == 0:
            state[step_id] = "open"
            trail.append(step_id)
        targets = [c.target for c in step.choices] if step else []
        if next_choice < len(targets):
            stack.append((step_id, next_choice + 1))
            target = targets[next_choice]
            if state.get(target) == "open":
                path = " → ".join([*trail[trail.index(target) :], target])
                report.error(step.line if step else 0, msg.CASE_LOOP, id=target, path=path)
            elif target not in state and case.step(target):
                stack.append((target, 0))
        else:
            state[step_id] = "done"
            trail.pop()
    for step in case.steps:
        if step.id not in state:
            report.error(step.line, msg.CASE_UNREACHABLE, id=step.id, start=start.id)
