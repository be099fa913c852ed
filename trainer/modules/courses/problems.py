"""What the loader and the checker report: a problem with a file and a line."""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, where it is and how bad it is.

    `line` counts from 1; 0 means the whole file (for example a missing one).
    """

    path: str
    line: int
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    """Adds the problems found in one file to a list shared by the whole load."""

    path: Path
    problems: list[Problem]

    def add(self, line: int, message: str, severity: Severity) -> None:
        """Report a message that is already filled in."""
        self.problems.append(Problem(str(self.path), line, message, severity))

    def error(self, line: int, template: str, /, **values: object) -> None:
        """Report `template` (from messages.py) filled in with `values`."""
        self.add(line, template.format(**values), "error")

    def warning(self, line: int, template: str, /, **values: object) -> None:
        self.add(line, template.format(**values), "warning")
