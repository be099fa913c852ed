"""Course folders written by a test: a module, a course file, whole languages."""

import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.app import TEST_COURSE
from trainer.modules.courses import LoadResult, load_content

MODULE = """\
---
id: basics
title: Basics
day: 1
order: 1
minutes: 2
objectives:
  - Know the basics
quiz:
  pass_mark: 80
  draw: 1
---

# First lesson {#first}

Some text.

# Quiz {#quiz}

## Is this a question? {#q-one}
- [x] Yes
- [ ] No
"""
COURSE = """\
---
title: Course
hours: 0.1
certificate: has completed the course
---
About the course.
"""


@dataclass
class Content:
    """A content folder under tmp_path, loaded with paths relative to tmp_path."""

    root: Path

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def module(self, text: str = MODULE, name: str = "01-basics.md", language: str = "en") -> None:
        """One language (default en) with course.md and the given module."""
        self.write(f"{language}/course.md", COURSE)
        self.write(f"{language}/{name}", text)

    def copy_test_course(self) -> None:
        shutil.copytree(TEST_COURSE, self.root / "content", dirs_exist_ok=True)

    def load(self) -> LoadResult:
        return load_content(Path("content"))

    def problems(self) -> list[str]:
        """Every problem as printed, leaving out the warnings for absent languages."""
        return [str(p) for p in self.load().problems if "in this language" not in p.message]
