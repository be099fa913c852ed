"""The preview shows a module as learners see it, and the whole quiz with its key."""

import pytest
from sqlalchemy import func, select

from tests.helpers.quizzes import start_attempt
from trainer.extensions import db
from trainer.modules.courses import catalogue
from trainer.modules.learning.models import LessonProgress
from trainer.modules.quizzes.models import QuizAttempt


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def lesson_article(page: str) -> str:
    start = page.index('<article class="lesson">')
    return page[start : page.index("</article>", start)]


def test_a_lesson_looks_as_it_does_for_learners(client, auth, users):
    auth.login("learner")
    learner_page = client.get("/learn/recognising/definition").get_data(as_text=True)
    auth.logout()
    auth.login("trainer")
    preview = client.get("/authoring/preview/en/recognising/definition").get_data(as_text=True)
    assert lesson_article(preview) == lesson_article(learner_page)
    assert "Mark as read" not in preview
    assert "/learn/recognising/definition/done" not in preview


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_language_previews_in_that_language(trainer, language):
    module = catalogue().module(language, "recognising")
    page = trainer.get(f"/authoring/preview/{language}/recognising").get_data(as_text=True)
    assert f'<html lang="{language}">' in page
    assert module.title in page
    for lesson in module.lessons:
        assert f"/authoring/preview/{language}/recognising/{lesson.id}" in page


def test_the_quiz_preview_shows_the_whole_pool_and_its_key(trainer):
    module = catalogue().module("en", "recognising")
    page = trainer.get("/authoring/preview/en/recognising/quiz").get_data(as_text=True)
    assert page.count('class="answer-key"') == len(module.quiz.questions) > module.quiz.draw
    assert page.count('class="key-right"') == sum(
        1 for q in module.quiz.questions for o in q.options if o.is_correct
    )
    assert "Retention of identity documents is an indicator." in page  # feedback
    assert "The chain can happen inside one country." in page  # explanation
    assert "<form" not in page.split("<main", 1)[1]  # nothing to send


def test_previewing_creates_no_progress_and_no_attempt(trainer):
    module = catalogue().module("fi", "recognising")
    pages = [f"/authoring/preview/fi/recognising/{lesson.id}" for lesson in module.lessons]
    pages += ["/authoring/preview/fi/recognising", "/authoring/preview/fi/recognising/quiz"]
    for page in pages:
        assert trainer.get(page).status_code == 200
    assert count(LessonProgress) == 0
    assert count(QuizAttempt) == 0


def test_the_answer_key_never_reaches_a_learner(client, auth, users):
    auth.login("learner")
    attempt = start_attempt(client, "recognising")
    pages = [f"/attempts/{attempt.id}", "/learn/recognising/quiz", "/learn/recognising"]
    for page in pages:
        text = client.get(page).get_data(as_text=True)
        assert "answer-key" not in text
        assert "key-right" not in text
    assert client.get("/authoring/preview/en/recognising/quiz").status_code == 403


def test_side_by_side_shows_every_lesson_and_question_in_three_languages(trainer):
    page = trainer.get("/authoring/compare/recognising").get_data(as_text=True)
    for language in ("fi", "sv", "en"):
        module = catalogue().module(language, "recognising")
        assert module.title in page
        for lesson in module.lessons:
            assert lesson.title in page
        for question in module.quiz.questions:
            assert question.prompt_html in page
    # a row per lesson and per question, each with a cell per language
    module = catalogue().module("en", "recognising")
    rows = len(module.lessons) + 1 + len(module.quiz.questions)
    assert page.count('<section class="compare-row"') == rows
    assert page.count('<div class="compare-cell" lang="fi">') == rows
    # on a phone, one language at a time: a radio button for each, no script needed
    for language in ("fi", "sv", "en"):
        assert f'type="radio" class="compare-radio" name="shown" id="shown-{language}"' in page


def test_the_index_links_every_module_in_every_language(trainer):
    page = trainer.get("/authoring/").get_data(as_text=True)
    for module_id in catalogue().module_ids:
        for language in ("fi", "sv", "en"):
            assert f"/authoring/preview/{language}/{module_id}" in page
        assert f"/authoring/compare/{module_id}" in page
        assert f"/authoring/statistics/{module_id}" in page
