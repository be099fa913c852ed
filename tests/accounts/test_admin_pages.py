"""The admin's pages: a manager set up in one pass, centres opened and renamed, accounts
searched a page at a time and shown as they are; a manager with no centre told why."""

import io
import re

from sqlalchemy import select

from tests.helpers.app import PASSWORD, AuthActions
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User, user_by_email
from trainer.modules.accounts.operations import create_user


def page_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.get_data(as_text=True)


def ticked(page: str) -> set[str]:
    return set(
        re.findall(
            r'<input checked id="managed_centres-\d+" name="managed_centres" type="checkbox" value="(\d+)"',
            page,
        )
    )


def test_admin_creates_a_manager_for_a_centre_who_then_imports_staff(
    app, client, auth, users, centres
):
    auth.login("admin")
    response = client.post(
        "/admin/users",
        data={
            "name": "Maija Manager",
            "email": "maija@example.org",
            "role": "manager",
            "centre": centres["b"].id,
            "locale": "fi",
            "password": PASSWORD,
        },
    )
    assert response.status_code == 302
    maija = user_by_email("maija@example.org")
    assert maija.managed_centres == [centres["b"]]

    manager = app.test_client()
    AuthActions(manager).login("maija@example.org")
    upload = page_of(manager, "/people/import")
    assert re.search(rf'<option[^>]*value="{centres["b"].id}"', upload)
    staff = b"name,email,language\nPekka Puro,pekka@example.org,fi\n"
    preview = manager.post(
        "/people/import",
        data={"centre": str(centres["b"].id), "staff_file": (io.BytesIO(staff), "staff.csv")},
        content_type="multipart/form-data",
    )
    assert preview.status_code == 200
    fields = dict(
        re.findall(
            r'name="(centre|content|digest)" type="hidden" value="([^"]*)"',
            preview.get_data(as_text=True),
        )
    )
    assert manager.post("/people/import/confirm", data=fields).status_code == 302
    assert user_by_email("pekka@example.org").centre == centres["b"]


def test_centres_managed_are_checkboxes_with_the_persons_own_centre_ready(
    client, auth, users, centres
):
    auth.login("admin")
    learner = users["learner"]
    page = page_of(client, f"/admin/users/{learner.id}")
    assert 'type="checkbox"' in page and "<select multiple" not in page
    assert ticked(page) == {str(centres["a"].id)}
    assert "<legend>Centres managed</legend>" in page


def test_a_manager_without_a_centre_to_manage_is_refused_with_a_reason(
    client, auth, users, centres
):
    auth.login("admin")
    learner = users["learner"]
    response = client.post(
        f"/admin/users/{learner.id}",
        data={"role": "manager", "centre": centres["a"].id, "is_active": "y"},
    )
    assert response.status_code == 400
    assert "Choose at least one centre for a manager to manage." in response.get_data(as_text=True)
    db.session.refresh(learner)
    assert learner.role == "learner"


def test_a_manager_with_no_centre_is_told_who_can_fix_it(client, auth, users):
    users["manager"].managed_centres = []
    db.session.commit()
    auth.login("manager")
    page = page_of(client, "/reports")
    assert "You do not manage any centre yet" in page
    assert 'href="mailto:admin@example.org"' in page and "Test Admin" in page
    assert "/people/import" not in page.split('id="main"')[1]  # no link to a dead end
    importing = client.get("/people/import")  # reached some other way: the same answer
    assert importing.status_code == 200
    assert "You do not manage any centre yet" in importing.get_data(as_text=True)
    assert 'type="file"' not in importing.get_data(as_text=True)
    assert client.post("/people/import", data={}).status_code == 400


def test_a_centre_is_opened_and_renamed(client, auth, users, centres):
    auth.login("admin")
    admin = page_of(client, "/admin")
    assert f'href="/admin/centres/{centres["a"].id}">Centre A</a>' in admin
    centre = page_of(client, f"/admin/centres/{centres['a'].id}")
    assert "Test Manager" in centre and "4 accounts" in centre
    url = f"/admin/centres/{centres['a'].id}"
    assert client.post(url, data={"name": "Centre Alpha"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Centre, centres["a"].id).name == "Centre Alpha"
    taken = client.post(url, data={"name": "Centre B"})
    assert taken.status_code == 400
    assert "A centre named Centre B exists already." in taken.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Centre, centres["a"].id).name == "Centre Alpha"
    assert client.get("/admin/centres/999").status_code == 404


def test_accounts_are_searched_and_paged(client, auth, users, centres):
    for number in range(60):
        create_user(email=f"person{number:02d}@example.org", name=f"Person {number:02d}")
    db.session.commit()
    auth.login("admin")
    first = page_of(client, "/admin")
    assert "Person 00" in first and "Person 59" not in first
    assert "Page 1 of 2" in first and 'href="/admin?page=2"' in first
    second = page_of(client, "/admin?page=2")
    assert "Person 59" in second and "Person 00" not in second
    found = page_of(client, "/admin?q=PERSON0")
    names = re.findall(r">(Person \d\d)</a>", found)
    assert names == [f"Person 0{n}" for n in range(10)]
    assert "Page 1 of" not in found
    by_centre = page_of(client, f"/admin?centre={centres['a'].id}")
    assert "Test Learner" in by_centre and "Person 00" not in by_centre
    assert "No account matches." in page_of(client, "/admin?q=nobody-at-all")


def test_accounts_show_invited_and_inactive_as_such(client, auth, users, centres):
    create_user(email="invited@example.org", name="Ida Invited", centre=centres["a"])
    users["trainer"].is_active_account = False
    db.session.commit()
    auth.login("admin")
    page = page_of(client, "/admin")
    status = dict(
        re.findall(
            r'>([^<]+)</a> <span class="person-email">[^<]+</span></th>(?:\s*<td>[^<]*</td>){2}\s*<td>(?:<strong>)?([^<]+)<',
            page,
        )
    )
    assert status["Ida Invited"] == "Invited, not yet signed in"
    assert status["Test Trainer"] == "Inactive"
    assert status["Test Admin"] == "Active"
    assert db.session.scalar(select(User).where(User.email == "invited@example.org")).is_active
