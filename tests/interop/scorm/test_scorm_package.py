"""A module of the real course, packaged as SCORM 1.2, played in Chromium with
scorm-again as the LMS: what the LMS records is what a learner did."""

import io
import re
import shutil
import subprocess
import time
import zipfile

import pytest

from tests.interop.scorm.conftest import ADL_SCHEMAS, HERE, package_of
from trainer.modules.courses import Question, QuestionKind, catalogue

MODULE = "indicators"


def answer(frame, question: Question, right: bool) -> None:
    """Give the right answer, or one that scores below the pass mark."""
    if question.kind is QuestionKind.ORDERING:
        order = question.answer if right else tuple(reversed(question.answer))
        for position, step in enumerate(order, start=1):
            frame.locator(f"#answer-{question.id}-{step}").select_option(str(position))
        return
    wrong = [o.id for o in question.options if o.id not in question.answer][:1]
    for option in question.answer if right else wrong:
        frame.locator(f"#answer-{question.id}-{option}").check()


def take_quiz(browser, lms, right: bool) -> tuple[list[str], list[str]]:
    """Open the SCO in the runtime, answer the drawn questions, send; the ids drawn and
    every URL the pages asked for."""
    base = lms[1]
    module = catalogue().module("fi", MODULE)
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda sent: asked.append(sent.url))
    page.goto(f"{base}/runtime.html?item=item-{MODULE}")
    frame = page.frame_locator("#sco")
    frame.locator("#quiz-form").wait_for()
    drawn = frame.locator(".question:not([hidden])").evaluate_all(
        "items => items.map(item => item.dataset.question)"
    )
    for question_id in drawn:
        answer(frame, module.quiz.question(question_id), right)
    frame.get_by_role("button", name="Lähetä vastaukset").click()
    frame.locator("#quiz-result").wait_for()
    context.close()  # the SCO finishes as its page goes away
    return drawn, asked


def recorded(runtime) -> dict:
    """The runtime's last commit once it holds a result (commits arrive over HTTP)."""
    deadline = time.monotonic() + 10
    while runtime.last().get("core", {}).get("lesson_status") in (None, "incomplete"):
        assert time.monotonic() < deadline, f"no result committed: {runtime.commits}"
        time.sleep(0.05)
    return runtime.last()


def test_a_learner_who_passes_is_recorded_passed_with_the_score(browser, lms):
    runtime, base = lms
    drawn, asked = take_quiz(browser, lms, right=True)
    cmi = recorded(runtime)
    assert cmi["core"]["lesson_status"] == "passed"
    assert cmi["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
    interactions = list(cmi["interactions"].values())
    assert [i["id"] for i in interactions] == drawn
    assert len(drawn) == catalogue().module("fi", MODULE).quiz.draw
    assert {i["result"] for i in interactions} == {"correct"}
    assert all(
        i["student_response"] == i["correct_responses"]["0"]["pattern"] for i in interactions
    )
    assert all(url.startswith(base) for url in asked), "the package reached outside the LMS"


def test_a_failing_run_is_recorded_failed(browser, lms):
    runtime, _base = lms
    runtime.commits.clear()
    take_quiz(browser, lms, right=False)
    cmi = recorded(runtime)
    assert cmi["core"]["lesson_status"] == "failed"
    assert float(cmi["core"]["score"]["raw"]) < catalogue().module("fi", MODULE).quiz.pass_mark
    assert "wrong" in {i["result"] for i in cmi["interactions"].values()}


def test_the_manifest_is_valid_under_adl_schemas(counterparts, finnish_package, tmp_path):
    for schema in ADL_SCHEMAS.glob("*.xsd"):
        shutil.copy(schema, tmp_path)
    shutil.copy(HERE / "schemas.xsd", tmp_path)
    checked = subprocess.run(
        [
            "xmllint",
            "--noout",
            "--schema",
            str(tmp_path / "schemas.xsd"),
            str(finnish_package / "imsmanifest.xml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert "imsmanifest.xml validates" in checked.stderr


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_each_language_is_one_package_that_needs_nothing_outside_it(real_app, language):
    with zipfile.ZipFile(io.BytesIO(package_of(real_app, language))) as package:
        names = set(package.namelist())
        listed = set(re.findall(r'<file href="([^"]+)"', package.read("imsmanifest.xml").decode()))
        schemas = {name for name in names if name.endswith(".xsd")}
        assert listed | schemas | {"imsmanifest.xml"} == names
        for module in catalogue().course(language).modules:
            page = package.read(f"{module.id}/index.html").decode()
            assert f'<html lang="{language}">' in page
            assert not re.search(r'(?:src|<link[^>]*href)="(?!\.\./)', page), "a file from outside"
            assert 'href="/' not in page, "a link into the platform"
            for used in re.findall(r'(?:src|href)="\.\./([^"]+)"', page):
                assert used in names


def test_a_sco_page_has_no_serious_accessibility_problem(browser, lms):
    """axe-core (WCAG 2.1 A and AA) on a module with a branching case, before the quiz
    is sent and with its result and feedback shown."""
    from tests.helpers.accessibility import serious_violations

    _runtime, base = lms
    module = catalogue().module("fi", "first-contact")
    page = browser.new_page(locale="fi-FI")
    page.goto(f"{base}/package/{module.id}/index.html")
    page.locator("#quiz-form").wait_for()
    problems = serious_violations(page)
    drawn = page.locator(".question:not([hidden])").evaluate_all(
        "items => items.map(item => item.dataset.question)"
    )
    for question_id in drawn:
        answer(page, module.quiz.question(question_id), right=False)
    page.get_by_role("button", name="Lähetä vastaukset").click()
    page.locator("#quiz-result").wait_for()
    problems += serious_violations(page)
    page.close()
    assert problems == []
