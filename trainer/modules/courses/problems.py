"""What the loader and the checker report: a problem with a file and a line."""

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from flask_babel import get_translations

from trainer.modules.courses.wording import N_, Message, Template, message

Severity = Literal["error", "warning"]

WARNING = N_("warning: ")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, where it is and how bad it is.

    `line` counts from 1; 0 means the whole file (for example a missing one). `text`
    is the message as data; `message` and `str()` word it in the current language.
    """

    path: str
    line: int
    text: Message
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def message(self) -> str:
        return str(self.text)

    @property
    def guide_section(self) -> str | None:
        """The anchor of the authoring guide's section that explains this message."""
        return self.text.template.section

    def replacing(self, old: str, new: str) -> "Problem":
        """The problem with `old` replaced by `new` in its path and its message's values."""
        return replace(self, path=self.path.replace(old, new), text=self.text.replacing(old, new))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = get_translations().gettext(WARNING) if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    """Adds the problems found in one file to a list shared by the whole load."""

    path: Path
    problems: list[Problem]

    def add(self, line: int, text: Message, severity: Severity) -> None:
        """Report a message that is already filled in."""
        self.problems.append(Problem(str(self.path), line, text, severity))

    def error(self, line: int, template: Template, /, **values: object) -> None:
        """Report `template` (from messages.py) filled in with `values`."""
        self.add(line, message(template, **values), "error")

    def warning(self, line: int, template: Template, /, **values: object) -> None:
        self.add(line, message(template, **values), "warning")
