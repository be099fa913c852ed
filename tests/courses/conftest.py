"""Fixtures for the content pipeline: the test course, and scratch content folders."""

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from trainer.modules.courses import Catalogue, LoadResult, load_content

TEST_COURSE = Path(__file__).parents[1] / "data" / "course"

# A minimal valid module; tests change one thing in it. Line numbers matter:
# 2 id, 3 title, 4 day, 5 order, 6 minutes, 7-8 objectives, 9-11 quiz,
# 14 lesson heading, 16 lesson text, 18 quiz heading, 20 question, 21-22 options.
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


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Content:
    monkeypatch.chdir(tmp_path)
    return Content(tmp_path)


@pytest.fixture(scope="session")
def test_catalogue() -> Catalogue:
    result = load_content(TEST_COURSE)
    assert result.problems == [], [str(p) for p in result.problems]
    assert result.catalogue is not None
    return result.catalogue
