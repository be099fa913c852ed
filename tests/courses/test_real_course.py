"""The course in content/ is what learners get: it loads clean, warnings included."""

from pathlib import Path

from trainer.modules.courses import load_content

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_the_real_course_passes_the_strict_check():
    result = load_content(CONTENT)
    assert [str(p) for p in result.problems] == []
    course = result.catalogue.course("en")
    assert len(course.modules) == 8
    assert [len(course.modules_on(day)) for day in (1, 2)] == [4, 4]
    assert set(result.catalogue.languages) == {"fi", "sv", "en"}
    for module in course.modules:
        assert 2 <= len(module.lessons) <= 4, module.id
        assert len(module.quiz.questions) >= 8, module.id
        assert module.quiz.draw == 6, module.id
        assert module.sources_html, module.id
