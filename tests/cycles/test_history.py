"""A person's history across three cycles: whole on every page that shows it, in their
personal-data export, and anonymised, not lost, when they are deleted."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.cycles.conftest import START
from tests.helpers.app import PASSWORD
from tests.helpers.progress import finish
from trainer.core.time import travel_to
from trainer.extensions import db
from trainer.modules.accounts.operations import create_user
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.models import Certificate
from trainer.modules.cycles.models import TrainingCycle
from trainer.modules.quizzes.models import QuizAttempt


@pytest.fixture
def three_cycles(app, users, run_cycles) -> list[Certificate]:
    """The learner certified three times, each renewal started by its window."""
    learner = users["learner"]
    certificates = []
    moment = START
    for _cycle in range(3):
        with travel_to(moment):
            certificates.append(finish(learner))
            db.session.commit()
        moment = certificates[-1].expires_at - timedelta(days=60)
        with travel_to(moment):
            run_cycles()
        moment += timedelta(days=10)
    db.session.refresh(learner)
    return certificates


def test_three_cycles_are_all_kept(app, users, three_cycles):
    learner = users["learner"]
    assert learner.cycle == 4  # the third certificate's window opened a fourth cycle
    attempts = db.session.execute(
        select(QuizAttempt.cycle, func.count())
        .where(QuizAttempt.user_id == learner.id)
        .group_by(QuizAttempt.cycle)
    ).all()
    assert sorted(attempts) == [(1, 2), (2, 2), (3, 2)]
    renewed = db.session.scalars(
        select(TrainingCycle.renews_certificate_id).order_by(TrainingCycle.number)
    ).all()
    assert renewed == [c.id for c in three_cycles]


@pytest.mark.parametrize("viewer", ["learner", "manager", "admin"])
def test_the_learner_their_manager_and_an_admin_see_every_cycle(
    client, auth, users, three_cycles, viewer
):
    auth.login(viewer)
    learner = users["learner"]
    path = "/cycles" if viewer == "learner" else f"/reports/people/{learner.id}/cycles"
    with travel_to(three_cycles[2].expires_at - timedelta(days=50)):
        page = client.get(path).get_data(as_text=True)
    for number in (1, 2, 3, 4):
        assert f"Cycle {number}" in page
    for certificate in three_cycles:
        assert display_code(certificate.code) in page
        assert certificate.course_version in page
    assert "First training" in page
    assert f"Renewal of certificate {display_code(three_cycles[2].code)}" in page
    assert "In renewal window" in page


def test_a_manager_of_another_centre_sees_no_history(client, auth, users, centres, three_cycles):
    other = create_user(
        email="manager_b@example.org",
        name="Manager Of B",
        role="manager",
        centre=centres["b"],
        password=PASSWORD,
    )
    other.managed_centres = [centres["b"]]
    db.session.commit()
    auth.login("manager_b")
    assert client.get(f"/reports/people/{users['learner'].id}/cycles").status_code == 404
    auth.logout()
    auth.login("learner")
    assert client.get(f"/reports/people/{users['learner'].id}/cycles").status_code == 403


def test_the_export_holds_every_cycle_and_deletion_anonymises_them_all(
    client, auth, users, three_cycles
):
    learner = users["learner"]
    auth.login("admin")
    data = client.post(f"/admin/users/{learner.id}/personal-data.json").get_json()
    cycles = {c["number"]: c for c in data["training_cycles"]}
    assert sorted(cycles) == [1, 2, 3, 4]
    assert [cycles[n]["certificate"] for n in (1, 2, 3)] == [c.code for c in three_cycles]
    assert cycles[4]["certificate"] is None and cycles[4]["reason"] == "renewal"
    assert sorted({a["cycle"] for a in data["quiz_attempts"]}) == [1, 2, 3]
    assert {lesson["cycle"] for lesson in data["lessons_read"]} == {1, 2, 3, 4}
    assert {n["kind"] for n in data["cycle_notices"]} >= {"window-opened"}

    response = client.post(f"/admin/users/{learner.id}/delete", data={"email": learner.email})
    assert response.status_code == 302
    db.session.expire_all()
    assert [c.holder for c in three_cycles] == ["Deleted person"] * 3
    assert db.session.scalar(select(func.count()).select_from(TrainingCycle)) == 3
    page = client.get(f"/reports/people/{learner.id}/cycles").get_data(as_text=True)
    assert "Cycle 3" in page and "Test Learner" not in page
