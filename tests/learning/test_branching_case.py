"""A branching case as a learner walks it: one step at a time, without JavaScript,
progress kept by ids so that it survives a change of language."""

import re
import shutil

import pytest
from sqlalchemy import select

from tests.helpers.app import PASSWORD, TEST_COURSE
from trainer.extensions import db
from trainer.modules.learning.models import CaseChoice, LessonProgress

CASE = {
    "en": ("Case: the evening shift", "Paulo comes back late.", "Talk tomorrow, in private",
           "Call his employer", "He can say no without anyone hearing.", "Referred, safe"),
    "fi": ("Tapaus: iltavuoro", "Paulo palaa myöhään.", "Puhu huomenna kahden kesken",
           "Soita työnantajalle", "Hän voi kieltäytyä kenenkään kuulematta.", "Ohjattu, turvassa"),
    "sv": ("Fall: kvällsskiftet", "Paulo kommer sent tillbaka.", "Tala i morgon, i enrum",
           "Ring arbetsgivaren", "Han kan säga nej utan att någon hör.", "Hänvisad, trygg"),
}  # fmt: skip


def case_lesson(language: str) -> str:
    title, notice, talk, call, feedback, ending = CASE[language]
    return f"""# {title} {{#case-evening .branching}}

<script>alert(1)</script>Introduction.

## Notice {{#notice}}
{notice}

- [{talk}](#talk)
  : {feedback}
- [{call}](#employer)
  : Risky.

## Employer {{#employer}}
The employer now knows.

- [Talk anyway](#talk)
  : Late, but right.
- [Do nothing](#end-nothing)
  : Nothing changes.

## Talk {{#talk}}
He tells you about the debt.

- [Consult the Assistance System](#end-referred)
  : Anonymous consultation first.
- [Wait and see](#end-nothing)
  : He stays at risk.

## {ending} {{#end-referred}}
The end.

## Nothing {{#end-nothing}}
Nothing happened.
"""


@pytest.fixture
def app_settings(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(TEST_COURSE, folder)
    for language in CASE:
        path = folder / language / "02-helping.md"
        before, quiz = re.split(r"(?=^# .*\{#quiz\})", path.read_text(), flags=re.M)
        path.write_text(before + case_lesson(language) + "\n" + quiz)
    return {"CONTENT_DIR": str(folder)}


URL = "/learn/helping/case-evening"


def choose(client, step: str, choice: str, **extra: str):
    return client.post(f"{URL}/choose", data={"step": step, "choice": choice, **extra})


def choices(user_id: int) -> list[tuple[int, str, int]]:
    rows = db.session.execute(
        select(CaseChoice.run, CaseChoice.step_id, CaseChoice.choice)
        .where(CaseChoice.user_id == user_id)
        .order_by(CaseChoice.id)
    )
    return [tuple(row) for row in rows]


def test_the_first_step_is_a_form_of_buttons_that_works_without_javascript(client, auth, users):
    auth.login()
    page = client.get(URL).get_data(as_text=True)
    assert "Paulo comes back late." in page
    assert "<script>" not in page
    form = re.search(r'<form method="post" action="/learn/helping/case-evening/choose".*?</form>',
                     page, re.S)  # fmt: skip
    assert form and 'name="step" value="notice"' in form[0]
    assert 'name="choice" value="1"' in form[0] and 'name="choice" value="2"' in form[0]
    assert "csrf_token" in form[0]


def test_a_choice_shows_its_feedback_and_leads_to_its_step(client, auth, users):
    auth.login()
    response = choose(client, "notice", "1")
    assert response.status_code == 302
    assert response.location.endswith(URL + "#current-step")
    page = client.get(URL).get_data(as_text=True)
    assert "He can say no without anyone hearing." in page
    assert "He tells you about the debt." in page
    assert 'name="step" value="talk"' in page
    assert choices(users["learner"].id) == [(1, "notice", 1)]


def test_reaching_an_ending_marks_the_case_read(client, auth, users):
    auth.login()
    choose(client, "notice", "2")
    choose(client, "employer", "1")
    assert db.session.scalar(select(LessonProgress).filter_by(lesson_id="case-evening")) is None
    choose(client, "talk", "1")
    page = client.get(URL).get_data(as_text=True)
    assert "Referred, safe" in page and "The case ends here." in page
    done = db.session.scalar(select(LessonProgress).filter_by(lesson_id="case-evening"))
    assert done is not None and done.user_id == users["learner"].id


def test_a_stale_or_forged_choice_records_nothing(client, auth, users):
    auth.login()
    choose(client, "notice", "1")
    for step, choice in [("notice", "2"), ("employer", "1"), ("talk", "9"), ("talk", "²"),
                         ("talk", "1" * 40), ("nowhere", "1"), ("talk", "")]:  # fmt: skip
        assert choose(client, step, choice).status_code == 302
    assert choices(users["learner"].id) == [(1, "notice", 1)]


def test_the_same_choice_sent_twice_is_recorded_once(client, auth, users):
    auth.login()
    choose(client, "notice", "1")
    choose(client, "notice", "1")
    assert choices(users["learner"].id) == [(1, "notice", 1)]


def test_the_path_survives_a_change_of_language(client, auth, users):
    auth.login()
    choose(client, "notice", "1")
    users["learner"].locale = "fi"
    db.session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert "Hän voi kieltäytyä kenenkään kuulematta." in page
    assert 'name="step" value="talk"' in page
    choose(client, "talk", "1")
    assert "Ohjattu, turvassa" in client.get(URL).get_data(as_text=True)


def test_starting_again_keeps_the_first_run(client, auth, users):
    auth.login()
    choose(client, "notice", "1")
    choose(client, "talk", "2")
    page = client.get(URL + "?again=1").get_data(as_text=True)
    assert 'name="step" value="notice"' in page and 'name="again" value="1"' in page
    choose(client, "notice", "2", again="1")
    assert choices(users["learner"].id) == [(1, "notice", 1), (1, "talk", 2), (2, "notice", 2)]
    assert 'name="step" value="employer"' in client.get(URL).get_data(as_text=True)


def test_a_lesson_without_a_case_takes_no_choices(client, auth, users):
    auth.login()
    response = client.post("/learn/helping/referral/choose", data={"step": "x", "choice": "1"})
    assert response.status_code == 404


def test_question_statistics_show_which_choices_learners_make(client, auth, users, app):
    from trainer.modules.accounts.operations import create_user

    second = create_user(email="second@example.org", name="Second Learner", role="learner",
                         locale="en", centre=users["learner"].centre, password=PASSWORD)  # fmt: skip
    db.session.commit()
    auth.login()
    choose(client, "notice", "1")
    choose(client, "notice", "2", again="1")  # a second run: counted only in "all"
    auth.logout()
    auth.login(second.email)
    choose(client, "notice", "2")
    auth.logout()
    auth.login("trainer")
    choose(client, "notice", "1")  # trainers trying the case out are not counted
    first = client.get("/authoring/statistics/helping").get_data(as_text=True)
    every = client.get("/authoring/statistics/helping?attempts=all").get_data(as_text=True)
    assert "Notice: 2 choices made" in first and "Notice: 3 choices made" in every
    row = re.search(r"1\. Talk tomorrow, in private</th><td>(\d+)</td><td>([^<]+)</td>", first)
    assert row and row.groups() == ("1", "50%")


def test_the_trainers_preview_shows_every_step_with_where_its_choices_lead(client, auth, users):
    auth.login("trainer")
    page = client.get("/authoring/preview/fi/helping/case-evening").get_data(as_text=True)
    assert "Tapaus: iltavuoro" in page and "Ohjattu, turvassa" in page
    assert 'Soita työnantajalle → <a href="#step-employer">Employer</a>' in page
    assert "Hän voi kieltäytyä kenenkään kuulematta." in page
    assert not db.session.scalar(select(CaseChoice))
