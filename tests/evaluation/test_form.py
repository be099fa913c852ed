"""The learner's form at completion: invited once, every value checked, and nothing
written from a form with a mistake."""

import pytest

from tests.evaluation.conftest import ALL_AGREE, rows
from tests.helpers.pages import main_of


def test_the_completion_page_invites_to_the_form(completer):
    learner = completer("Aino Answer")
    page = learner.client.get("/learn/completed").get_data(as_text=True)
    assert 'href="/learn/evaluation"' in page
    form = learner.client.get("/learn/evaluation").get_data(as_text=True)
    for statement_id in ALL_AGREE:
        for value in range(1, 6):
            assert f'name="statement-{statement_id}" value="{value}"' in form
    assert "The course was relevant to my work." in form
    assert "What would you change in the course?" in form
    assert "Strongly agree" in form and "anonymous" in form


def test_the_form_speaks_the_learners_language(completer):
    learner = completer("Siiri Svensk", locale="sv")
    form = main_of(learner.client.get("/learn/evaluation").get_data(as_text=True))
    assert "Kursen var relevant för mitt arbete." in form
    assert "Helt av samma åsikt" in form
    finnish = completer("Fanni Finn", locale="fi")
    form = main_of(finnish.client.get("/learn/evaluation").get_data(as_text=True))
    assert "Kurssi oli hyödyllinen työssäni." in form
    assert "Täysin samaa mieltä" in form


def test_an_answer_is_kept_once_and_the_invitation_goes(completer):
    learner = completer("Aino Answer")
    response = learner.answer(ALL_AGREE, comment="More cases, please.")
    assert response.status_code == 302
    assert rows() == {"evaluation_replies": 1, "evaluation_ballots": 1, "evaluation_answers": 0}
    page = learner.client.get("/learn/completed", follow_redirects=True).get_data(as_text=True)
    assert "without your name" in page
    assert 'href="/learn/evaluation"' not in page
    again = learner.answer({"relevant": 1})
    assert again.status_code == 302 and again.location.endswith("/learn/completed")
    assert learner.client.get("/learn/evaluation").status_code == 302
    assert rows() == {"evaluation_replies": 1, "evaluation_ballots": 1, "evaluation_answers": 0}


def test_declining_closes_the_invitation_and_keeps_no_answer(completer):
    learner = completer("Dani Decline")
    assert learner.client.post("/learn/evaluation/no-thanks").status_code == 302
    assert rows() == {"evaluation_replies": 1, "evaluation_ballots": 0, "evaluation_answers": 0}
    assert learner.answer(ALL_AGREE).status_code == 302
    assert rows()["evaluation_ballots"] == 0


def test_only_a_comment_or_only_some_statements_are_fine(completer):
    assert completer("Only Comment").answer(comment="Good.").status_code == 302
    assert completer("Only One").answer({"clear": 2}).status_code == 302
    assert rows()["evaluation_ballots"] == 2


FORGED = {
    "above the scale": ({"relevant": 6}, "", "Choose one of the five answers for"),
    "below the scale": ({"relevant": 0}, "", "Choose one of the five answers for"),
    "not a number": ({"relevant": "5; DROP TABLE"}, "", "Choose one of the five answers for"),
    "an Arabic-Indic five": ({"relevant": "\u0665"}, "", "Choose one of the five answers for"),
    "unknown statement": ({"hacked": 5}, "", "the course does not have"),
    "too long a comment": ({}, "x" * 2001, "2001 characters long"),
    "a control character": ({}, "fine\x00text", "control characters"),
    "nothing at all": ({}, "", "Answer at least one statement or write a comment"),
}


@pytest.mark.parametrize("ratings, comment, message", FORGED.values(), ids=FORGED.keys())
def test_a_forged_form_is_refused_with_a_message_and_nothing_written(
    completer, ratings, comment, message
):
    learner = completer("Fred Forger")
    response = learner.answer({**ALL_AGREE, **ratings} if ratings else {}, comment=comment)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert rows() == {"evaluation_replies": 0, "evaluation_ballots": 0, "evaluation_answers": 0}
    assert learner.answer(ALL_AGREE).status_code == 302, "the invitation still stands"


def test_two_values_for_one_statement_are_refused(completer):
    learner = completer("Fred Forger")
    response = learner.client.post(
        "/learn/evaluation", data={"statement-relevant": ["1", "5"], "comment": ["a", "b"]}
    )
    assert response.status_code == 400
    assert rows()["evaluation_replies"] == 0


def test_a_learner_who_has_not_completed_is_not_asked(client, auth, users):
    auth.login("learner")
    assert client.get("/learn/evaluation").status_code == 302
    assert client.post("/learn/evaluation", data={"statement-relevant": "5"}).status_code == 302
    assert client.post("/learn/evaluation/no-thanks").status_code == 302
    assert rows() == {"evaluation_replies": 0, "evaluation_ballots": 0, "evaluation_answers": 0}
