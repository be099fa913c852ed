"""Choices in a branching case belong to a training cycle, like lessons and attempts: a
renewal walks the case afresh, and every cycle's choices stay, in the history and the
personal-data export, anonymised with the person when they are deleted."""

import re
import shutil
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.cycles.conftest import START
from tests.helpers.app import TEST_COURSE
from tests.helpers.progress import finish
from tests.learning.test_branching_case import CASE, case_lesson
from trainer.core.time import travel_to
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.learning.models import CaseChoice

URL = "/learn/helping/case-evening"


@pytest.fixture
def app_settings(mailbox, tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(TEST_COURSE, folder)
    for language in CASE:
        path = folder / language / "02-helping.md"
        before, quiz = re.split(r"(?=^# .*\{#quiz\})", path.read_text(), flags=re.M)
        path.write_text(before + case_lesson(language) + "\n" + quiz)
    return {
        **mailbox.settings,
        "BASE_URL": "https://trainer.example.org",
        "CONTENT_DIR": str(folder),
    }


def choose(client, step: str, choice: str):
    response = client.post(f"{URL}/choose", data={"step": step, "choice": choice})
    assert response.status_code == 302


def recorded(user_id: int) -> list[tuple[int, int, str, int]]:
    rows = db.session.execute(
        select(CaseChoice.cycle, CaseChoice.run, CaseChoice.step_id, CaseChoice.choice)
        .where(CaseChoice.user_id == user_id)
        .order_by(CaseChoice.id)
    )
    return [tuple(row) for row in rows]


@pytest.fixture
def renewing(client, auth, users, run_cycles) -> User:
    """The learner walked the case to its end in cycle 1, was certified, and is now in
    the renewal cycle their window opened."""
    learner = users["learner"]
    auth.login()
    with travel_to(START):
        choose(client, "notice", "1")
        choose(client, "talk", "1")
        certificate = finish(learner)
        db.session.commit()
    with travel_to(certificate.expires_at - timedelta(days=60)):
        run_cycles()
    db.session.refresh(learner)
    assert learner.cycle == 2
    return learner


def test_a_renewal_walks_the_case_afresh_and_keeps_the_first_walk(client, renewing):
    page = client.get(URL).get_data(as_text=True)
    assert 'name="step" value="notice"' in page and "The case ends here." not in page
    choose(client, "notice", "2")
    assert 'name="step" value="employer"' in client.get(URL).get_data(as_text=True)
    assert recorded(renewing.id) == [
        (1, 1, "notice", 1),
        (1, 1, "talk", 1),
        (2, 1, "notice", 2),
    ]


def test_only_first_walks_count_as_first_runs_in_the_statistics(client, auth, renewing):
    choose(client, "notice", "2")  # the renewal's first run: primed by the first cycle
    auth.logout()
    auth.login("trainer")
    first = client.get("/authoring/statistics/helping").get_data(as_text=True)
    every = client.get("/authoring/statistics/helping?attempts=all").get_data(as_text=True)
    assert "Notice: 1 choices made" in first and "Notice: 2 choices made" in every


def test_history_and_export_hold_every_cycles_choices_and_deletion_keeps_them_anonymised(
    client, auth, renewing
):
    choose(client, "notice", "2")
    history = client.get("/cycles").get_data(as_text=True)
    counts = re.findall(r"<dt>Choices in branching cases</dt><dd>(\d+)</dd>", history)
    assert counts == ["1", "2"]  # cycle 2 first, then cycle 1
    auth.logout()
    auth.login("admin")
    data = client.post(f"/admin/users/{renewing.id}/personal-data.json").get_json()
    assert [(c["cycle"], c["run"], c["step"], c["choice"]) for c in data["case_choices"]] == [
        (1, 1, "notice", 1),
        (1, 1, "talk", 1),
        (2, 1, "notice", 2),
    ]
    assert {c["number"]: c["case_choices"] for c in data["training_cycles"]} == {1: 2, 2: 1}

    response = client.post(f"/admin/users/{renewing.id}/delete", data={"email": renewing.email})
    assert response.status_code == 302
    db.session.expire_all()
    assert renewing.name == "Deleted person" and "@invalid.example" in renewing.email
    assert len(recorded(renewing.id)) == 3  # kept, tied to nobody who can be named
    page = client.get(f"/reports/people/{renewing.id}/cycles").get_data(as_text=True)
    assert "Test Learner" not in page
    assert re.findall(r"<dt>Choices in branching cases</dt><dd>(\d+)</dd>", page) == ["1", "2"]
