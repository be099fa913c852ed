"""The course in content/ is what learners get: it loads clean, warnings included, and
has the shape the two days promise."""

from pathlib import Path

import pytest

from trainer.modules.courses import QuestionKind, load_content

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def result():
    return load_content(CONTENT)


def test_the_real_course_passes_the_strict_check(result):
    assert [str(p) for p in result.problems] == []
    assert set(result.catalogue.languages) == {"fi", "sv", "en"}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_two_days_of_about_six_hours(result, language):
    course = result.catalogue.course(language)
    assert [len(course.modules_on(day)) for day in (1, 2)] == [6, 6]
    for day in (1, 2):
        assert 5.5 <= course.hours_on(day) <= 6.5, (day, course.hours_on(day))
    assert course.hours == 12


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_module_has_timed_lessons_sources_and_a_pool_of_twelve(result, language):
    for module in result.catalogue.course(language).modules:
        assert module.quiz.draw == 6 and module.quiz.pass_mark == 80, module.id
        assert len(module.quiz.questions) >= 12, module.id
        assert module.sources_html, module.id
        assert all(lesson.minutes for lesson in module.lessons), module.id


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_each_day_has_a_branching_case_that_puts_the_pathway_together(result, language):
    course = result.catalogue.course(language)
    for day in (1, 2):
        cases = [lesson.case for m in course.modules_on(day) for lesson in m.cases]
        assert cases, day
        assert all(len(case.steps) >= 6 for case in cases)
        assert all(sum(step.is_ending for step in case.steps) >= 2 for case in cases)


def test_every_exercise_has_its_model_answer(result):
    for language in ("fi", "sv", "en"):
        for module in result.catalogue.course(language).modules:
            for lesson in module.lessons:
                exercises = lesson.html.count('class="callout callout-exercise"')
                answers = lesson.html.count('class="model-answer"')
                assert exercises == answers, (language, module.id, lesson.id)
    english = result.catalogue.course("en")
    assert sum(m.lessons[i].html.count("model-answer") for m in english.modules
               for i in range(len(m.lessons))) >= 20  # fmt: skip


def test_quizzes_mix_question_kinds_and_numbers_of_right_answers(result):
    """What a test-wise learner would look for, across the whole course."""
    questions = [q for m in result.catalogue.course("en").modules for q in m.quiz.questions]
    scenarios = [q for q in questions if q.is_scenario]
    assert len(scenarios) >= len(questions) / 2
    keys = {len(q.answer) for q in questions if q.kind is QuestionKind.MULTIPLE}
    assert len(keys) >= 3
    true_false = [q.answer for q in questions if q.kind is QuestionKind.TRUE_FALSE]
    assert abs(true_false.count((1,)) - true_false.count((2,))) <= max(2, len(true_false) // 4)
