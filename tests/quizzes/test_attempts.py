"""Taking a quiz through the web: drawing, secrecy, answering, submitting once."""

import re
import threading

import pytest
from sqlalchemy import func, select

from tests.helpers.app import AuthActions
from tests.helpers.quizzes import age_attempts, form_for, start_attempt
from trainer.extensions import db
from trainer.modules.courses import catalogue
from trainer.modules.quizzes.models import QuestionAnswer, QuizAttempt
from trainer.modules.quizzes.queries import RECENT_ATTEMPTS


@pytest.fixture
def learner(client, auth, users):
    auth.login("learner")
    return users["learner"]


def test_attempt_draws_from_the_pool_and_shuffles_options(client, learner):
    module = catalogue().module("en", "recognising")
    attempt = start_attempt(client, "recognising")
    assert len(attempt.drawn) == module.quiz.draw
    pool = {q.id for q in module.quiz.questions}
    assert {d["question"] for d in attempt.drawn} <= pool
    for drawn in attempt.drawn:
        ids = [o.id for o in module.quiz.question(drawn["question"]).options]
        assert sorted(drawn["options"]) == ids


def test_reloading_the_quiz_keeps_the_open_attempt(client, learner):
    first = start_attempt(client, "recognising")
    again = start_attempt(client, "recognising")
    assert first.id == again.id


def choice_skeletons(page: str) -> list[str]:
    """Each option's markup with its position number and label text taken out."""
    items = re.findall(r'<li class="(?:choice|step)">(.*?)</li>', page, re.S)
    skeletons = []
    for item in items:
        item = re.sub(r"<label([^>]*)>.*?</label>", r"<label\1></label>", item, flags=re.S)
        skeletons.append(re.sub(r"\d+", "N", re.sub(r"\s+", " ", item)))
    return skeletons


@pytest.mark.parametrize("module_id", ["recognising", "helping"])
def test_open_attempt_page_gives_no_hint_of_the_right_answer(client, learner, module_id):
    """Every question type: right and wrong options have the same markup."""
    attempt = start_attempt(client, module_id)
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    module = catalogue().module("en", module_id)
    skeletons = choice_skeletons(page)
    assert skeletons, "the page shows options"
    for kind_skeletons in (
        [s for s in skeletons if "checkbox" in s],
        [s for s in skeletons if "radio" in s],
        [s for s in skeletons if "<select" in s],
    ):
        assert len(set(kind_skeletons)) <= 1, kind_skeletons
    for drawn in attempt.drawn:
        question = module.quiz.question(drawn["question"])
        for option in question.options:
            if option.feedback_html:
                assert option.feedback_html not in page
        if question.explanation_html:
            assert question.explanation_html not in page
    assert "correct" not in page.lower()
    assert "is_correct" not in page


def test_all_right_passes_and_shows_feedback(client, learner):
    attempt = start_attempt(client, "recognising")
    response = client.post(f"/attempts/{attempt.id}", data=form_for(attempt))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/attempts/{attempt.id}#result")
    db.session.refresh(attempt)
    assert (attempt.score, attempt.is_passed) == (100.0, True)
    result = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert 'id="result"' in result
    assert "You passed" in result


def test_all_wrong_fails_and_offers_a_new_draw(client, learner):
    attempt = start_attempt(client, "recognising")
    client.post(f"/attempts/{attempt.id}", data=form_for(attempt, right=False))
    db.session.refresh(attempt)
    assert attempt.score == 0.0
    assert attempt.is_passed is False
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert "Not passed yet" in page
    assert "The right answer" in page or "The right order" in page
    retry = start_attempt(client, "recognising")
    assert retry.id != attempt.id


def test_unanswered_questions_are_listed_and_nothing_is_recorded(client, learner):
    attempt = start_attempt(client, "recognising")
    data = form_for(attempt)
    first_name = next(iter(data))
    kept = {k: v for k, v in data.items() if not k.startswith("q1")}
    response = client.post(f"/attempts/{attempt.id}", data=kept)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page
    assert 'href="#question-1"' in page
    assert 'id="question-1"' in page
    assert first_name.startswith("q1")
    db.session.refresh(attempt)
    assert attempt.submitted_at is None
    assert db.session.scalar(select(func.count()).select_from(QuestionAnswer)) == 0


def test_a_second_submission_is_refused_and_changes_nothing(client, learner):
    attempt = start_attempt(client, "recognising")
    right, wrong = form_for(attempt), form_for(attempt, right=False)
    assert client.post(f"/attempts/{attempt.id}", data=right).status_code == 302
    replay = client.post(f"/attempts/{attempt.id}", data=wrong)
    assert replay.status_code == 409
    assert "already submitted" in replay.get_data(as_text=True)
    db.session.refresh(attempt)
    assert attempt.score == 100.0
    answers = db.session.scalar(select(func.count()).where(QuestionAnswer.attempt_id == attempt.id))
    assert answers == len(attempt.drawn)


def test_two_concurrent_submissions_record_one_result(app, client, learner):
    attempt = start_attempt(client, "recognising")
    forms = [form_for(attempt), form_for(attempt, right=False)]
    barrier = threading.Barrier(2)
    statuses = []

    def submit(form):
        barrier.wait()
        statuses.append(client.post(f"/attempts/{attempt.id}", data=form).status_code)

    threads = [threading.Thread(target=submit, args=(form,)) for form in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302, 409]
    db.session.expire_all()
    answers = db.session.scalars(
        select(QuestionAnswer).where(QuestionAnswer.attempt_id == attempt.id)
    ).all()
    assert len(answers) == len(attempt.drawn)
    recorded = db.session.get(QuizAttempt, attempt.id)
    assert recorded.score in (0.0, 100.0)
    assert {a.score for a in answers} == {recorded.score / 100}


def test_another_learners_attempt_is_not_found(app, client, learner, users):
    attempt = start_attempt(client, "recognising")
    intruder = app.test_client()
    AuthActions(intruder).login("trainer")
    assert intruder.get(f"/attempts/{attempt.id}").status_code == 404
    assert intruder.post(f"/attempts/{attempt.id}", data=form_for(attempt)).status_code == 404
    db.session.refresh(attempt)
    assert attempt.submitted_at is None


def test_unknown_module_and_attempt_are_not_found(client, learner):
    assert client.get("/learn/no-such-module/quiz").status_code == 404
    assert client.post("/learn/no-such-module/quiz").status_code == 404
    assert client.get("/attempts/999999").status_code == 404


def test_the_quiz_page_lists_the_latest_attempts_and_says_how_many_in_all(client, learner):
    for _ in range(RECENT_ATTEMPTS + 2):
        attempt = start_attempt(client, "recognising")
        client.post(f"/attempts/{attempt.id}", data=form_for(attempt, right=False))
        age_attempts()
    page = client.get("/learn/recognising/quiz").get_data(as_text=True)
    listed = [int(i) for i in re.findall(r'<a href="/attempts/(\d+)">', page)]
    assert listed == sorted(listed, reverse=True)
    assert len(listed) == RECENT_ATTEMPTS
    assert listed[0] == attempt.id
    assert f"The latest {RECENT_ATTEMPTS} of your {RECENT_ATTEMPTS + 2} attempts." in page
