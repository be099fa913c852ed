"""The dashboard and its exports show where each person stands in recertification,
filter on it, and agree with the public verification page."""

import csv
import io
from datetime import timedelta

import pytest

from tests.cycles.conftest import START
from tests.helpers.progress import finish, person
from trainer.core.time import travel_to
from trainer.extensions import db
from trainer.modules.certificates.codes import display_code
from trainer.modules.cycles.models import ModuleRetake


@pytest.fixture
def certified(users, centres):
    """The learner and a colleague certified at START; a third person never certified."""
    colleague = person("Colm Colleague", centres["a"])
    with travel_to(START):
        certificates = {"learner": finish(users["learner"]), "colleague": finish(colleague)}
    person("Nina Newcomer", centres["a"])
    db.session.commit()
    return certificates


def names_shown(client, query: str) -> set[str]:
    page = client.get(f"/reports?{query}").get_data(as_text=True)
    return {n for n in ("Test Learner", "Colm Colleague", "Nina Newcomer") if n in page}


def test_the_filters_follow_the_recertification_cycle(client, auth, certified, run_cycles):
    expires = certified["learner"].expires_at
    auth.login("manager")
    with travel_to(START + timedelta(days=30)):
        assert names_shown(client, "cycle=valid") == {"Test Learner", "Colm Colleague"}
        assert names_shown(client, "cycle=not-certified") == {"Nina Newcomer"}
    with travel_to(expires - timedelta(days=50)):
        run_cycles()
        page = client.get("/reports?cycle=renewal-window").get_data(as_text=True)
        assert "In renewal window" in page
        assert names_shown(client, "cycle=renewal-window") == {"Test Learner", "Colm Colleague"}
        assert names_shown(client, "cycle=expired") == set()


def test_expired_on_the_dashboard_and_on_the_verify_page_alike(client, auth, certified, run_cycles):
    expires = certified["learner"].expires_at
    code = display_code(certified["learner"].code)
    auth.login("manager")
    with travel_to(expires + timedelta(days=1)):
        run_cycles()
        assert names_shown(client, "cycle=expired") == {"Test Learner", "Colm Colleague"}
        verify = client.get(f"/verify/{code}").get_data(as_text=True)
        export = client.get("/reports/completion.csv?cycle=expired").get_data(as_text=True)
    assert "This certificate is genuine but has expired." in verify
    assert certified["learner"].course_version in verify
    rows = {row["Name"]: row for row in csv.DictReader(io.StringIO(export.lstrip("\ufeff")))}
    assert set(rows) == {"Test Learner", "Colm Colleague"}
    assert rows["Test Learner"]["Certification"] == "Expired"


def test_a_retake_shows_with_its_module(client, auth, users, certified):
    db.session.add(
        ModuleRetake(
            user_id=users["learner"].id,
            cycle=1,
            module_id="helping",
            from_version="0" * 16,
            version="1" * 16,
            due_at=START + timedelta(days=90),
        )
    )
    db.session.commit()
    auth.login("manager")
    with travel_to(START + timedelta(days=30)):
        page = client.get("/reports?cycle=retake-required").get_data(as_text=True)
        export = client.get("/reports/completion.csv").get_data(as_text=True)
    assert "Retake required: Helping a possible victim" in page
    assert names_shown(client, "cycle=retake-required") == {"Test Learner"}
    rows = {row["Name"]: row for row in csv.DictReader(io.StringIO(export.lstrip("\ufeff")))}
    assert rows["Test Learner"]["Certification"] == "Retake required"
    assert rows["Test Learner"]["Modules to retake"] == "Helping a possible victim"
    assert rows["Colm Colleague"]["Modules to retake"] == ""
