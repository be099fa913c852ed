"""What a result shows, and when a learner may try again: the review options that stop
a pool from being harvested by repeated attempts."""

import re

import pytest
from sqlalchemy import func, select

from tests.helpers.quizzes import age_attempts, form_for, start_attempt
from trainer.extensions import db
from trainer.modules.courses import QuestionKind, catalogue
from trainer.modules.quizzes.models import QuizAttempt


@pytest.fixture
def learner(client, auth, users):
    auth.login()
    return users["learner"]


def submit(client, *, right: bool):
    attempt = start_attempt(client, "recognising")
    response = client.post(f"/attempts/{attempt.id}", data=form_for(attempt, right=right))
    assert response.status_code == 302
    return attempt, client.get(f"/attempts/{attempt.id}").get_data(as_text=True)


def right_option_texts(attempt) -> list[str]:
    module = catalogue().module("en", "recognising")
    texts = []
    for drawn in attempt.drawn:
        question = module.quiz.question(drawn["question"])
        if question.kind is QuestionKind.ORDERING:
            continue  # the learner's own order names every step
        texts += [re.sub("<[^>]+>", "", question.option(o).html) for o in question.answer]
    return texts


def test_by_default_a_failed_result_holds_no_right_answer(client, learner):
    attempt, page = submit(client, right=False)
    assert "Not passed yet" in page
    assert "The right answer:" not in page and "(right)" not in page
    for text in right_option_texts(attempt):
        assert text not in page, text
    assert "The right answers are shown once you pass." in page


def test_a_pass_shows_the_right_answers_and_the_next_module(client, learner):
    _, page = submit(client, right=True)
    assert "You passed" in page
    assert "(right)" in page
    assert 'href="/learn/helping"' in page and "Next module" in page


def test_the_summary_counts_right_partly_right_and_not_right(client, learner):
    attempt, page = submit(client, right=False)
    drawn = len(attempt.drawn)
    assert f"0 right, 0 partly right, {drawn} not right" in page
    assert page.count('class="verdict verdict-wrong"') == drawn
    assert "✗" in page and "Not right" in page  # an icon and words, not colour alone


def test_a_failed_retake_after_a_pass_says_the_pass_still_counts(client, learner):
    submit(client, right=True)
    _, page = submit(client, right=False)
    assert "your earlier pass still counts" in page
    assert "Not passed yet" not in page


def attempts() -> int:
    return db.session.scalar(select(func.count()).select_from(QuizAttempt))


def test_after_the_second_failed_attempt_the_server_makes_the_learner_wait(client, learner):
    submit(client, right=False)
    _, page = submit(client, right=False)  # the first retry is free
    assert "You can try again at" in page and "Try again</button>" not in page
    before = attempts()
    response = client.post("/learn/recognising/quiz")
    assert response.status_code == 302 and response.location.endswith("/learn/recognising/quiz")
    assert attempts() == before
    assert "you can try again at" in client.get("/learn/recognising/quiz").get_data(as_text=True)
    age_attempts()
    submit(client, right=True)
    assert attempts() == before + 1


def test_percentages_follow_the_language(client, learner, users):
    users["learner"].locale = "fi"
    db.session.commit()
    _, page = submit(client, right=False)
    assert "0\xa0%" in page and "80\xa0%" in page
