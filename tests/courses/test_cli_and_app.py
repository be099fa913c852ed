"""`trainer content check` and the app's start-up use the same loader and messages."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from tests.helpers.content import MODULE, TEST_COURSE, Content
from trainer.cli import content as content_command
from trainer.modules.courses import ContentError, catalogue, init_app
from trainer.modules.courses.render import MarkdownRenderer


def check(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(content_command, ["check", *args], env=env)


def test_check_clean_course() -> None:
    result = check(str(TEST_COURSE))
    assert result.exit_code == 0
    assert result.output == f"{TEST_COURSE}: 0 error(s), 0 warning(s); 2 module(s) in fi, sv, en\n"


def test_check_lists_every_problem_and_fails(content: Content) -> None:
    content.module(MODULE.replace("- [x] Yes", "- [ ] Yes").replace("day: 1", "day: 0"))
    result = check("content")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/en/01-basics.md:4: 'day' must be a whole number from 1 to 2",
        "content/en/01-basics.md:20: question 'q-one' has no right answer: mark it with [x]",
        "content/fi: warning: no content in this language: the course will be offered without it",
        "content/sv: warning: no content in this language: the course will be offered without it",
        "content: 2 error(s), 2 warning(s)",
    ]


def test_warnings_fail_only_when_strict(content: Content) -> None:
    content.module()
    assert check("content").exit_code == 0
    strict = check("content", "--strict")
    assert strict.exit_code == 1
    assert strict.output.endswith("content: 0 error(s), 2 warning(s); 1 module(s) in en\n")


def test_directory_defaults_to_the_environment_then_to_content(content: Content) -> None:
    assert check(env={"TRAINER_CONTENT_DIR": str(TEST_COURSE)}).exit_code == 0
    content.module()
    result = check(env={"TRAINER_CONTENT_DIR": None})
    assert result.exit_code == 0
    assert result.output.endswith("content: 0 error(s), 2 warning(s); 1 module(s) in en\n")


def test_missing_directory_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    result = check(str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "no course found" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def app_with(content_dir: Path) -> Flask:
    app = Flask(__name__)
    app.config["CONTENT_DIR"] = str(content_dir)
    init_app(app)
    return app


def test_init_app_stores_the_catalogue() -> None:
    app = app_with(TEST_COURSE)
    with app.app_context():
        assert catalogue().module_ids == ("recognising", "helping")


def test_app_refuses_content_with_errors_listing_each(content: Content) -> None:
    content.module(MODULE.replace("- [x] Yes", "- [ ] Yes").replace("draw: 1", "draw: 5"))
    with pytest.raises(ContentError) as raised:
        app_with(Path("content"))
    assert str(raised.value).splitlines() == [
        "the course content has 2 error(s):",
        "content/en/01-basics.md:11: the quiz draws 5 questions but its pool has only 1",
        "content/en/01-basics.md:20: question 'q-one' has no right answer: mark it with [x]",
    ]


def test_markdown_is_rendered_at_load_and_never_after(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    course = tmp_path / "course"  # a folder of its own: the suite parses its shared ones once
    shutil.copytree(TEST_COURSE, course)
    calls: list[str] = []
    render = MarkdownRenderer.render

    def counting(self: MarkdownRenderer, source: str, context) -> object:
        calls.append(source)
        return render(self, source, context)

    monkeypatch.setattr(MarkdownRenderer, "render", counting)
    app = app_with(course)
    assert len(calls) > 50
    calls.clear()
    with app.app_context():
        for language in catalogue().languages:
            for module in catalogue().course(language).modules:
                assert [lesson.html for lesson in module.lessons]
                assert [q.prompt_html for q in module.quiz.questions]
    assert calls == []
