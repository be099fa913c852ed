"""The rules of accounts.access agree with themselves: the Python and the SQL form of who
a viewer reaches, and the header's links with the pages they lead to."""

import pytest
from sqlalchemy import select

from trainer.extensions import db
from trainer.modules.accounts.access import reached_people, reaches
from trainer.modules.accounts.models import User
from trainer.modules.accounts.operations import create_user

ROLES = ("learner", "trainer", "manager", "admin")


def test_reaches_and_reached_people_are_one_rule(users, centres):
    create_user(email="b@example.org", name="In B", centre=centres["b"])
    create_user(email="nowhere@example.org", name="In no centre")
    db.session.commit()
    everyone = list(db.session.scalars(select(User)))
    for viewer in everyone:
        listed = set(db.session.scalars(select(User.id).where(reached_people(viewer))))
        assert listed == {person.id for person in everyone if reaches(viewer, person)}, viewer
    learner_a = users["learner"]
    assert [v.role for v in everyone if reaches(v, learner_a)] == ["manager", "admin"]


# The header's links that depend on the role: each shown to exactly those who may open it.
LINKS = ("/reports", "/certificates/centres", "/authoring/", "/admin")


@pytest.mark.parametrize("role", ROLES)
def test_the_header_links_to_exactly_the_pages_the_role_may_open(client, auth, users, role):
    auth.login(role)
    page = client.get("/account").get_data(as_text=True)
    for link in LINKS:
        shown = f'href="{link}"' in page
        assert shown == (client.get(link).status_code != 403), (role, link)
