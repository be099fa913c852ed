"""Every question type and lesson feature of the test course parses and renders as
docs/authoring.md says."""

import dataclasses

import pytest

from trainer.core.i18n import LANGUAGES
from trainer.modules.courses import Catalogue, QuestionKind


def test_every_language_has_the_same_modules_in_order(test_catalogue: Catalogue) -> None:
    assert test_catalogue.languages == LANGUAGES
    assert test_catalogue.module_ids == ("recognising", "helping")
    for language in LANGUAGES:
        course = test_catalogue.course(language)
        assert [m.id for m in course.modules] == ["recognising", "helping"]
        assert course.days == (1, 2)
        assert [m.id for m in course.modules_on(2)] == ["helping"]


def test_course_file(test_catalogue: Catalogue) -> None:
    course = test_catalogue.course("en")
    assert course.title == "Test course on human trafficking"
    assert course.hours == 0.2
    assert course.certificate_text.startswith("has completed the test course")
    assert "<strong>small</strong>" in course.description_html


def test_front_matter(test_catalogue: Catalogue) -> None:
    module = test_catalogue.module("fi", "recognising")
    assert (module.order, module.day, module.minutes) == (1, 1, 7)
    assert module.title == "Merkkien tunnistaminen"
    assert module.objectives == (
        "Selittää määritelmän kolme osaa",
        "Nimetä pakkotyön tunnusmerkkejä",
    )
    assert (module.quiz.pass_mark, module.quiz.draw) == (80, 3)
    assert module.file_name == "01-recognising.md"


def test_lessons_in_order_with_titles(test_catalogue: Catalogue) -> None:
    module = test_catalogue.module("en", "recognising")
    assert [(lesson.id, lesson.title) for lesson in module.lessons] == [
        ("definition", "What trafficking is"),
        ("indicators", "Indicators"),
    ]
    assert module.lesson("indicators") is module.lessons[1]
    assert module.lesson("sources") is None
    assert module.lesson("quiz") is None


@pytest.mark.parametrize(
    ("lesson", "fragment"),
    [
        ("definition", "<strong>three elements</strong>"),
        ("definition", "<em>act</em>"),
        ("definition", "<h2>The elements</h2>"),
        ("definition", '<th align="left">Element</th>'),
        ("definition", '<td align="right">What?</td>'),
        (
            "definition",
            '<img alt="The chain: act, means, purpose" src="/content/images/chain.svg">',
        ),
        ("definition", '<a href="/learn/recognising/indicators" rel="noopener noreferrer">'),
        ("indicators", "<h3>At work</h3>"),
        ("indicators", "<ol>\n<li>Documents kept by the employer</li>"),
        ("indicators", "<ul>\n<li>Isolation</li>"),
        ("indicators", 'src="/content/images/indicators.png"'),
        ("indicators", '<a href="https://www.ihmiskauppa.fi/" rel="noopener noreferrer">'),
        ("indicators", '<a href="/learn/helping/first-contact" rel="noopener noreferrer">'),
    ],
)
def test_lesson_features(test_catalogue: Catalogue, lesson: str, fragment: str) -> None:
    assert fragment in test_catalogue.module("en", "recognising").lesson(lesson).html


@pytest.mark.parametrize(
    ("language", "kind", "title"),
    [
        ("en", "note", "Note"),
        ("en", "warning", "Warning: Safety first"),
        ("en", "case", "Case study: Amina's first weeks"),
        ("fi", "warning", "Varoitus: Turvallisuus ensin"),
        ("sv", "case", "Fallexempel: Aminas första veckor"),
    ],
)
def test_callouts_are_labelled_in_the_course_language(
    test_catalogue: Catalogue, language: str, kind: str, title: str
) -> None:
    html = "".join(lesson.html for lesson in test_catalogue.module(language, "recognising").lessons)
    box = f'<div class="callout callout-{kind}" role="note">\n<p class="callout-title">{title}</p>'
    assert box in html


def test_sources_are_not_a_lesson(test_catalogue: Catalogue) -> None:
    module = test_catalogue.module("en", "recognising")
    assert module.sources_html == (
        "<ul>\n<li>ILO (2012), Indicators of forced labour, https://www.ilo.org/. "
        "Read 2026-11-28.</li>\n</ul>"
    )
    assert test_catalogue.module("en", "helping").sources_html == ""


def test_single_choice_with_feedback_and_explanation(test_catalogue: Catalogue) -> None:
    question = test_catalogue.module("en", "recognising").quiz.question("q-elements")
    assert question.kind is QuestionKind.SINGLE
    assert question.prompt_html == "What are the three elements of the definition?"
    assert [o.id for o in question.options] == [1, 2, 3]
    assert question.answer == (1,)
    assert question.option(1).html == "Act, means and purpose"
    assert question.option(1).feedback_html == "<p>Right: all three are needed for an adult.</p>"
    assert question.option(3).feedback_html == ""
    assert question.explanation_html == "<p>For a child, the act and the purpose are enough.</p>"
    assert not question.is_scenario and question.case_html == ""


def test_two_right_options_make_a_multiple_choice_question(test_catalogue: Catalogue) -> None:
    question = test_catalogue.module("en", "recognising").quiz.question("q-indicators")
    assert question.kind is QuestionKind.MULTIPLE
    assert question.answer == (1, 2)
    assert [o.is_correct for o in question.options] == [True, True, False]
    assert question.explanation_html == ""


def test_true_false(test_catalogue: Catalogue) -> None:
    question = test_catalogue.module("sv", "recognising").quiz.question("q-consent")
    assert question.kind is QuestionKind.TRUE_FALSE
    assert [o.html for o in question.options] == ["Sant", "Falskt"]
    assert question.answer == (2,)


def test_ordering_steps_are_written_in_the_right_order(test_catalogue: Catalogue) -> None:
    question = test_catalogue.module("en", "recognising").quiz.question("q-chain")
    assert question.kind is QuestionKind.ORDERING
    assert [o.html for o in question.options] == ["Recruitment", "Transport", "Exploitation"]
    assert question.answer == (1, 2, 3)
    assert not any(o.is_correct for o in question.options)
    assert question.option(1).feedback_html == "<p>It usually starts with an offer.</p>"
    assert question.explanation_html == "<p>The chain can happen inside one country.</p>"


def test_scenario_has_its_case_text(test_catalogue: Catalogue) -> None:
    question = test_catalogue.module("en", "helping").quiz.question("q-leila")
    assert question.is_scenario and question.kind is QuestionKind.SINGLE
    assert question.case_html == (
        "<p>Leila, a nurse, notices that a resident never has his documents.</p>\n"
        "<p>He looks afraid when his employer calls.</p>"
    )
    assert question.answer == (2,)


def test_multiple_class_with_one_right_option(test_catalogue: Catalogue) -> None:
    question = test_catalogue.module("en", "helping").quiz.question("q-amina")
    assert question.is_scenario and question.kind is QuestionKind.MULTIPLE
    assert question.answer == (1,)


def test_single_class(test_catalogue: Catalogue) -> None:
    question = test_catalogue.module("en", "helping").quiz.question("q-interpreter")
    assert question.kind is QuestionKind.SINGLE


def test_lookups_of_unknown_ids_give_none(test_catalogue: Catalogue) -> None:
    assert test_catalogue.module("en", "nope") is None
    assert test_catalogue.module("de", "helping") is None
    module = test_catalogue.module("en", "helping")
    assert module.quiz.question("nope") is None
    assert module.quiz.question("q-leila").option(9) is None
    with pytest.raises(KeyError):
        test_catalogue.course("de")


def test_language_for_falls_back_to_an_offered_language(test_catalogue: Catalogue) -> None:
    assert test_catalogue.language_for("sv") == "sv"
    assert test_catalogue.language_for("de") == "fi"


def test_everything_is_immutable(test_catalogue: Catalogue) -> None:
    module = test_catalogue.module("en", "helping")
    with pytest.raises(dataclasses.FrozenInstanceError):
        module.title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        test_catalogue.courses["en"] = None  # type: ignore[index]
    assert isinstance(module.lessons, tuple) and isinstance(module.quiz.questions, tuple)


def test_content_version_is_the_same_in_every_language(test_catalogue: Catalogue) -> None:
    for module_id in test_catalogue.module_ids:
        versions = {test_catalogue.module(lang, module_id).version for lang in LANGUAGES}
        assert len(versions) == 1
    assert test_catalogue.module("en", "recognising").version != (
        test_catalogue.module("en", "helping").version
    )
