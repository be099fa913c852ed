"""Bad input never escapes as an exception: any module or course file gives either
a catalogue or a list of problems, each with its file and a line inside it."""

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.content import TEST_COURSE
from trainer.modules.courses import load_content

pytestmark = pytest.mark.property

TARGET = Path("en") / "01-recognising.md"
# The files that examples change: the reference language's module and course
# file, and a module of another language (reaching the parity checks).
ORIGINALS = {
    path: (TEST_COURSE / path).read_text(encoding="utf-8")
    for path in (TARGET, Path("en") / "course.md", Path("fi") / "02-helping.md")
}
ORIGINAL = ORIGINALS[TARGET]
# Fragments that mean something in the format, so mutations reach deep code paths.
TOKENS = [
    "---", "# ", "## ", "{#", "}", " .ordering", " .true-false", " .scenario", " .multiple",
    "- [x] ", "- [ ] ", "1. ", "  : ", "> ", "> [!CASE] ", "](", "![", "../images/", "#quiz",
    "<script>", "```", "quiz:", "draw: 99", "id: ", "\t", "\n", ":", "[", "*", "|",
    "&a ", "*a", "{x: *a}", "!!python/object:os.system ", "...",
    " .branching", " minutes=5", "> [!EXERCISE] ", "> [!ANSWER]", "- [go](#", "#definition)",
]  # fmt: skip
HOSTILE_FRONT_MATTER = [
    "quiz: &a {draw: *a, pass_mark: *a}",
    "objectives: &a [*a]",
    "id: !!python/object/apply:os.system ['echo owned']",
    "day: 2024-02-30",
    "minutes: .nan",
    "order: 1e999",
    "title: " + "[" * 5000,
    "? [a, b]\n: c",
    "quiz:\n\tdraw: 1",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("content")
    shutil.copytree(TEST_COURSE, path, dirs_exist_ok=True)
    shutil.rmtree(path / "sv")  # two languages are enough to reach the parity checks
    yield path


def write(folder: Path, target: Path, data: str | bytes) -> None:
    """Put back every file an earlier example changed, then write `data` to `target`."""
    for path, text in ORIGINALS.items():
        (folder / path).write_text(text, encoding="utf-8")
    if isinstance(data, bytes):
        (folder / target).write_bytes(data)
    else:
        (folder / target).write_text(data, encoding="utf-8", errors="surrogatepass")


TARGETS = st.sampled_from(list(ORIGINALS))


@st.composite
def mutated(draw: st.DrawFn, target: Path) -> str:
    lines = ORIGINALS[target].splitlines(keepends=True)
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
@given(data=st.data())
def test_mutated_file(folder: Path, data: st.DataObject) -> None:
    target = data.draw(TARGETS)
    write(folder, target, data.draw(mutated(target)))
    assert_result_or_located_problems(folder)


@LOAD_SETTINGS
@given(target=TARGETS, text=st.text())
def test_random_text(folder: Path, target: Path, text: str) -> None:
    write(folder, target, text)
    assert_result_or_located_problems(folder)


@LOAD_SETTINGS
@given(target=TARGETS, data=st.binary())
def test_random_bytes(folder: Path, target: Path, data: bytes) -> None:
    write(folder, target, data)
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
    write(folder, TARGET, f"---\n{yaml.safe_dump(front)}---\n{body}")
    assert_result_or_located_problems(folder)


@pytest.mark.parametrize("front", HOSTILE_FRONT_MATTER)
def test_hostile_front_matter(folder: Path, front: str) -> None:
    body = ORIGINAL.split("---\n", 2)[2]
    write(folder, TARGET, f"---\n{front}\n---\n{body}")
    assert_result_or_located_problems(folder)


# Characters that drive Python-Markdown's inline and block parsers, for generated
# hostile lessons: brackets, emphasis, code, quotes, list markers, indentation.
MARKDOWN_CHARACTERS = "[]()!*_`>-+#:|{}<&\\ \n\tax1."


@settings(
    max_examples=60,
    deadline=timedelta(seconds=10),  # gunicorn's 30 s worker timeout, with room to spare
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(alphabet=MARKDOWN_CHARACTERS, min_size=1000, max_size=20_000))
def test_generated_hostile_lessons_load_in_bounded_time(folder: Path, text: str) -> None:
    write(
        folder,
        TARGET,
        ORIGINAL.replace("Next: [the indicators]", text + "\n\nNext: [the indicators]"),
    )
    assert_result_or_located_problems(folder)


@pytest.mark.parametrize(
    "text",
    [
        "## a" + " " * 2000 + "b",
        "# a" + " " * 2000 + "b {",
        "[" * 8000,
        "](" * 9000,
        "\n".join("  " * i + "- x" for i in range(300)),
        ">" * 300 + " x",
        "{" * 10_000,
    ],
    ids=[
        "heading-spaces",
        "lesson-heading-spaces",
        "brackets",
        "link-ends",
        "deep-list",
        "deep-quotes",
        "braces",
    ],
)
def test_known_hostile_lines_are_refused_or_read_quickly(folder: Path, text: str) -> None:
    """Each of these once took minutes or raised RecursionError; the bounds stop them
    before Markdown sees them, or they are plain text."""
    write(folder, TARGET, ORIGINAL.replace("# Quiz", text + "\n\n# Quiz", 1))
    assert_result_or_located_problems(folder)
