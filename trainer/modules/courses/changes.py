"""What changed between a module's content versions: the `changes` list of its front
matter, newest first. Each entry names the content version a change produced, whether
people certified on an earlier version must retake the module, and a short note in the
file's language:

    changes:
      - version: 3f2a9c1b0d4e5f67
        retraining: true
        note: The indicators now follow the ILO's 2024 list.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from trainer.modules.courses import messages as msg
from trainer.modules.courses.frontmatter import FrontMatter
from trainer.modules.courses.problems import Report

FIELD = "changes"
ENTRY_FIELDS = ("version", "retraining", "note")
VERSION = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True, slots=True)
class Change:
    version: str
    retraining: bool
    note: str
    line: int


def parse_changes(front: FrontMatter, path: Path, report: Report) -> tuple[Change, ...]:
    """The module's recorded changes, each reported at its own line of file `path`."""
    value = front.values.get(FIELD)
    if value is None:
        return ()
    line = front.lines.get(FIELD, front.line)
    if not isinstance(value, list) or not value:
        report.error(line, msg.CHANGES_NOT_LIST)
        return ()
    lines = _entry_lines(path, front, len(value)) or [line] * len(value)
    entries = enumerate(zip(value, lines, strict=True), start=1)
    changes = [_entry(entry, number, at, report) for number, (entry, at) in entries]
    seen: set[str] = set()
    for change in changes:
        if change is not None and change.version in seen:
            report.error(change.line, msg.CHANGE_TWICE, version=change.version)
        elif change is not None:
            seen.add(change.version)
    return tuple(c for c in changes if c is not None)


def _entry(entry: object, number: int, line: int, report: Report) -> Change | None:
    if not isinstance(entry, dict):
        report.error(line, msg.CHANGE_NOT_FIELDS, number=number)
        return None
    for key in entry:
        if key not in ENTRY_FIELDS:
            report.warning(line, msg.CHANGE_UNKNOWN_FIELD, number=number, field=key)
    version, retraining, note = (entry.get(key) for key in ENTRY_FIELDS)
    ok = True
    if not (isinstance(version, str) and VERSION.fullmatch(version.strip())):
        report.error(line, msg.CHANGE_BAD_VERSION, number=number)
        ok = False
    if not isinstance(retraining, bool):
        report.error(line, msg.CHANGE_BAD_RETRAINING, number=number)
        ok = False
    if not (isinstance(note, str) and note.strip()):
        report.error(line, msg.CHANGE_NO_NOTE, number=number)
        ok = False
    if not ok:
        return None
    assert isinstance(version, str) and isinstance(note, str) and isinstance(retraining, bool)
    return Change(version.strip(), retraining, note.strip(), line)


def _entry_lines(path: Path, front: FrontMatter, count: int) -> list[int] | None:
    """The line of each entry of `changes`, from the front matter's YAML nodes."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    start = front.line  # the line of the opening ---, counted from 1
    end = next((i for i in range(start, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None
    try:
        node = yaml.compose("\n".join(lines[start:end]), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if key.value == FIELD and isinstance(value, yaml.SequenceNode):
            found = [start + 1 + item.start_mark.line for item in value.value]
            return found if len(found) == count else None
    return None


def check_recorded(changes: tuple[Change, ...], version: str, line: int, report: Report) -> None:
    """A module that records its changes should record its current version too."""
    if changes and changes[0].version != version:
        report.warning(line, msg.CHANGE_NOT_RECORDED, version=version)


def changes_shape(changes: tuple[Change, ...]) -> str:
    """What every language must agree on: the versions and their retraining flags."""
    return ", ".join(f"{c.version}{'!' if c.retraining else ''}" for c in changes) or "-"


def needs_retraining(changes: tuple[Change, ...], since: str) -> tuple[Change, ...]:
    """The changes after version `since` (newest first) that require retraining; every
    recorded one if `since` is not among them (it is older than the record)."""
    newer = []
    for change in changes:
        if change.version == since:
            break
        newer.append(change)
    return tuple(change for change in newer if change.retraining)
