"""Bad input never escapes as an exception: any module file gives either a
catalogue or a list of problems, each with its file and a line inside it."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.modules.courses import load_content

from .conftest import TEST_COURSE

TARGET = Path("en") / "01-recognising.md"
ORIGINAL = (TEST_COURSE / TARGET).read_text(encoding="utf-8")
LINES = ORIGINAL.splitlines(keepends=True)
# Fragments that mean something in the format, so mutations reach deep code paths.
TOKENS = [
    "---", "# ", "## ", "{#", "}", " .ordering", " .true-false", " .scenario", " .multiple",
    "- [x] ", "- [ ] ", "1. ", "  : ", "> ", "> [!CASE] ", "](", "![", "../images/", "#quiz",
    "<script>", "```", "quiz:", "draw: 99", "id: ", "\t", "\n", ":", "[", "*", "|",
]  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("content")
    shutil.copytree(TEST_COURSE, path, dirs_exist_ok=True)
    shutil.rmtree(path / "sv")  # two languages are enough to reach the parity checks
    yield path


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "splice", "swap"]))
        if action == "delete" and lines:
            del lines[at]
        elif action == "duplicate" and lines:
            lines.insert(at, lines[at])
        elif action == "insert":
            lines.insert(at, draw(st.sampled_from(TOKENS)) + draw(st.text(max_size=15)) + "\n")
        elif action == "splice" and lines:
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + draw(st.sampled_from(TOKENS)) + lines[at][cut:]
        elif action == "swap" and lines:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    return "".join(lines)


def assert_result_or_located_problems(folder: Path) -> None:
    result = load_content(folder)
    if result.catalogue is not None:
        assert not result.errors
        return
    assert result.errors
    for problem in result.problems:
        path = Path(problem.path)
        assert path.is_relative_to(folder), problem
        assert problem.severity in ("error", "warning")
        if path.is_file():
            with path.open("rb") as file:
                assert 0 <= problem.line <= file.read().count(b"\n") + 1, str(problem)
        assert str(problem).startswith(str(path)), str(problem)


LOAD_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@LOAD_SETTINGS
@given(text=mutated())
def test_mutated_module(folder: Path, text: str) -> None:
    (folder / TARGET).write_text(text, encoding="utf-8")
    assert_result_or_located_problems(folder)


@LOAD_SETTINGS
@given(text=st.text())
def test_random_text(folder: Path, text: str) -> None:
    (folder / TARGET).write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_result_or_located_problems(folder)


@LOAD_SETTINGS
@given(data=st.binary())
def test_random_bytes(folder: Path, data: bytes) -> None:
    (folder / TARGET).write_bytes(data)
    assert_result_or_located_problems(folder)


FRONT_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
FRONT_KEYS = st.sampled_from(["id", "title", "day", "order", "minutes", "objectives", "quiz"])


@LOAD_SETTINGS
@given(front=st.dictionaries(FRONT_KEYS | st.text(max_size=5), FRONT_VALUES))
def test_random_front_matter(folder: Path, front: dict) -> None:
    body = ORIGINAL.split("---\n", 2)[2]
    (folder / TARGET).write_text(f"---\n{yaml.safe_dump(front)}---\n{body}", encoding="utf-8")
    assert_result_or_located_problems(folder)
