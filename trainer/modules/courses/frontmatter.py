"""The YAML between the --- lines: parsed safely, every field checked, with its line."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeGuard

import yaml

from trainer.modules.courses import messages as msg
from trainer.modules.courses.problems import Report
from trainer.modules.courses.source import Chunk
from trainer.modules.courses.wording import Template, message

# libyaml's loader when PyYAML has it: several times faster, same safe subset.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Field values and the line of each field, nested names joined by dots."""

    values: Mapping[object, object]  # YAML keys need not be text
    lines: Mapping[str, int]
    line: int


def split_front_matter(lines: list[str], report: Report) -> tuple[Chunk, Chunk] | None:
    """(front matter, body), or None if the file has no closed front matter."""
    if not lines or lines[0].strip() != "---":
        report.error(1, msg.NO_FRONT_MATTER)
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        report.error(1, msg.UNCLOSED_FRONT_MATTER)
        return None
    return Chunk(2, tuple(lines[1:end])), Chunk(end + 2, tuple(lines[end + 1 :]))


def parse_front_matter(chunk: Chunk, report: Report) -> FrontMatter:
    """The fields of the front matter; malformed YAML leaves no fields."""
    empty = FrontMatter({}, {}, chunk.line - 1)
    loader = _Loader(chunk.text)
    try:
        node = loader.get_single_node()
        values = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        line = chunk.line + error.problem_mark.line if error.problem_mark else empty.line
        report.error(line, msg.BAD_YAML, problem=error.problem or error.context)
        return empty
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        report.error(empty.line, msg.BAD_YAML, problem=error)
        return empty
    finally:
        loader.dispose()
    if not isinstance(values, dict):
        report.error(empty.line, msg.NOT_FIELDS, field=message(msg.FRONT_MATTER_FIELDS))
        return empty
    lines: dict[str, int] = {}
    _record_lines(node, "", chunk.line, lines, report)
    return FrontMatter(values, lines, empty.line)


def _record_lines(
    node: yaml.Node | None, prefix: str, first: int, lines: dict[str, int], report: Report
) -> None:
    """The line of every field, and of the fields of groups (like quiz) two levels down."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        name = prefix + str(key.value)
        line = first + key.start_mark.line
        if name in lines:
            report.error(line, msg.DUPLICATE_FIELD, field=name)
        lines[name] = line
        # Two levels down at most (the evaluation's statements): values may even refer
        # to themselves (&a {x: *a}).
        if prefix.count(".") < 2:
            _record_lines(value, name + ".", first, lines, report)


class Fields:
    """Reads typed fields of one mapping, reporting each wrong or missing one."""

    def __init__(
        self,
        values: Mapping[object, object],
        front: FrontMatter,
        report: Report,
        known: tuple[str, ...],
        prefix: str = "",
    ) -> None:
        self._values = values
        self._front = front
        self._report = report
        self._prefix = prefix
        for key in values:
            if key not in known:
                self._report.warning(
                    self.line(str(key)), msg.UNKNOWN_FIELD, field=prefix + str(key)
                )

    def group(self, name: str, known: tuple[str, ...]) -> "Fields | None":
        """The fields nested under `name`, or None if absent or not a mapping."""
        value = self._get(name)
        if value is None:
            return None
        if isinstance(value, dict):
            return Fields(value, self._front, self._report, known, f"{self._prefix}{name}.")
        self._wrong(name, msg.NOT_FIELDS)
        return None

    def text(self, name: str) -> str | None:
        value = self._get(name)
        if value is None:
            return None
        if isinstance(value, str):
            return value.strip()
        self._wrong(name, msg.NOT_TEXT)
        return None

    def texts(self, name: str) -> tuple[str, ...] | None:
        value = self._get(name)
        if value is None:
            return None
        if isinstance(value, list) and value and all(_is_text(v) for v in value):
            return tuple(v.strip() for v in value)
        self._wrong(name, msg.NOT_TEXT_LIST)
        return None

    def whole_number(self, name: str, low: int, high: int) -> int | None:
        value = self._get(name)
        if value is None:
            return None
        if _is_number(value) and isinstance(value, int) and low <= value <= high:
            return value
        self._wrong(name, msg.NOT_WHOLE_NUMBER, low=low, high=high)
        return None

    def has(self, name: str) -> bool:
        """Whether an optional field is given."""
        return name in self._values

    def choice(self, name: str, choices: tuple[str, ...]) -> str | None:
        value = self._get(name)
        if value is None:
            return None
        if isinstance(value, str) and value.strip() in choices:
            return value.strip()
        self._wrong(name, msg.NOT_CHOICE, choices=", ".join(choices))
        return None

    def positive_number(self, name: str) -> float | None:
        value = self._get(name)
        if value is None:
            return None
        if _is_number(value) and 0 < value < float("inf"):
            return value
        self._wrong(name, msg.NOT_POSITIVE_NUMBER)
        return None

    def line(self, name: str) -> int:
        """The line of field `name`, else of its group, else of the front matter."""
        group = self._front.lines.get(self._prefix.rstrip("."), self._front.line)
        return self._front.lines.get(self._prefix + name, group)

    def _get(self, name: str) -> object:
        value = self._values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            self._report.error(self.line(name), msg.MISSING_FIELD, field=self._prefix + name)
            return None
        return value

    def _wrong(self, name: str, template: Template, **values: object) -> None:
        self._report.error(self.line(name), template, field=self._prefix + name, **values)


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)
