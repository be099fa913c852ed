"""A manager of centre A never sees, exports or acts on anyone of centre B."""

import io

import pytest
from openpyxl import load_workbook

from trainer.extensions import db
from trainer.modules.reports.models import CentreDeadline, PersonDeadline


def other_centre_paths(staff, centres) -> dict[str, str]:
    b, bob = centres["b"].id, staff["bob"].id
    return {
        "dashboard of B": f"/reports?centre={b}",
        "CSV of B": f"/reports/completion.csv?centre={b}",
        "XLSX of B": f"/reports/completion.xlsx?centre={b}",
        "person in B": f"/reports/people/{bob}",
    }


def test_manager_of_a_gets_not_found_for_centre_b(client, auth, staff, centres):
    auth.login("manager")
    for name, path in other_centre_paths(staff, centres).items():
        assert client.get(path).status_code == 404, name
    bob, b = staff["bob"].id, centres["b"].id
    assert (
        client.post(f"/reports/people/{bob}/due-date", data={"due_on": "2030-01-01"}).status_code
        == 404
    )
    assert (
        client.post(f"/reports/centres/{b}/due-date", data={"due_on": "2030-01-01"}).status_code
        == 404
    )
    assert client.post(f"/people/{bob}/invitation").status_code == 404
    assert db.session.get(PersonDeadline, bob) is None
    assert db.session.get(CentreDeadline, b) is None


def test_nothing_of_centre_b_in_manager_as_pages_or_exports(client, auth, staff):
    auth.login("manager")
    for path in ("/reports", "/reports?sort=centre", "/reports/due-dates", "/people/import"):
        page = client.get(path).get_data(as_text=True)
        assert "Bcentre" not in page and "Centre B" not in page, path
    csv_text = client.get("/reports/completion.csv").data.decode("utf-8-sig")
    assert "Bcentre" not in csv_text and "Dora Done" in csv_text
    book = load_workbook(io.BytesIO(client.get("/reports/completion.xlsx").data))
    names = [row[0] for row in book.active.iter_rows(values_only=True)]
    assert "Dora Done" in names and not any("Bcentre" in name for name in names)


def test_manager_of_b_sees_only_b(client, auth, staff, centres):
    auth.login("manager_b")
    page = client.get("/reports").get_data(as_text=True)
    assert "Bob Bcentre" in page and "Dora Done" not in page
    assert client.get(f"/reports?centre={centres['a'].id}").status_code == 404
    assert client.get(f"/reports/people/{staff['dora'].id}").status_code == 404


def test_staff_of_other_roles_are_not_people_of_the_dashboard(client, auth, staff, users):
    auth.login("manager")
    assert client.get(f"/reports/people/{users['trainer'].id}").status_code == 404
    assert client.get(f"/reports/people/{users['admin'].id}").status_code == 404
    assert "Test Trainer" not in client.get("/reports").get_data(as_text=True)


@pytest.mark.parametrize("role", ["learner", "trainer"])
def test_learners_and_trainers_may_not_see_reports(client, auth, staff, centres, role):
    auth.login(role)
    paths = [
        "/reports",
        "/reports/completion.csv",
        "/reports/completion.xlsx",
        "/reports/due-dates",
        f"/reports/people/{staff['hugo'].id}",
    ]
    for path in paths:
        assert client.get(path).status_code == 403, path
    a = centres["a"].id
    assert (
        client.post(f"/reports/centres/{a}/due-date", data={"due_on": "2030-01-01"}).status_code
        == 403
    )


def test_signed_out_visitors_are_sent_to_sign_in(client, staff):
    response = client.get("/reports")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
