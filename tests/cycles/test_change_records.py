"""The `changes` list of a module's front matter: read as the guide says, and every
mistake reported with its file and line."""

import pytest

from tests.helpers.content import MODULE, Content


@pytest.fixture
def content(tmp_path, monkeypatch) -> Content:
    monkeypatch.chdir(tmp_path)
    return Content(tmp_path)


def with_changes(entries: str) -> str:
    return MODULE.replace("---\n\n#", f"changes:\n{entries}---\n\n#", 1)


def version_of(content: Content) -> str:
    content.module()
    return content.load().catalogue.module("en", "basics").version


def test_recorded_changes_are_read_newest_first(content):
    version = version_of(content)
    content.module(
        with_changes(
            f"  - version: {version}\n    retraining: true\n    note: The quiz asks more.\n"
            "  - version: 0123456789abcdef\n    retraining: false\n    note: Typos fixed.\n"
        )
    )
    result = content.load()
    assert content.problems() == []
    changes = result.catalogue.module("en", "basics").changes
    assert [(c.version, c.retraining, c.note) for c in changes] == [
        (version, True, "The quiz asks more."),
        ("0123456789abcdef", False, "Typos fixed."),
    ]


def test_every_mistake_is_reported_at_its_entry(content):
    version = version_of(content)
    content.module(
        with_changes(
            f"  - version: {version}\n    retraining: true\n    note: x\n"  # line 13
            "  - version: not-a-version\n    retraining: maybe\n    note: ''\n"  # line 16
            f"  - version: {version}\n    retraining: false\n    note: Again.\n"  # line 19
            "    colour: red\n"
        )
    )
    problems = content.problems()
    assert (
        "content/en/01-basics.md:16: 'changes' entry 2: 'retraining' must be true or false"
        in problems
    )
    assert any(
        p.startswith("content/en/01-basics.md:16: 'changes' entry 2: 'version'") for p in problems
    )
    assert (
        "content/en/01-basics.md:16: 'changes' entry 2: 'note' must say in a sentence what changed"
        in problems
    )
    assert f"content/en/01-basics.md:19: 'changes' has version {version} twice" in problems
    assert any(":19:" in p and "unknown field 'colour'" in p for p in problems)


def test_a_list_is_required_and_the_current_version_should_be_recorded(content):
    content.module(with_changes("  retraining: true\n"))
    assert any(
        p.startswith("content/en/01-basics.md:12: 'changes' must be a list")
        for p in content.problems()
    )
    content.module(
        with_changes("  - version: 0123456789abcdef\n    retraining: true\n    note: Old.\n")
    )
    version = content.load().catalogue.module("en", "basics").version
    assert any(
        ":12:" in p and f"the content version is now {version}" in p for p in content.problems()
    )


def test_every_language_records_the_same_changes(content):
    version = version_of(content)
    entry = f"  - version: {version}\n    retraining: true\n    note: Note.\n"
    content.module(with_changes(entry))
    content.module(with_changes(entry.replace("true", "false")), language="fi")
    assert any(
        p.startswith("content/fi/01-basics.md:12: 'changes' are") and "same retraining" in p
        for p in content.problems()
    )
