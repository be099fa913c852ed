"""Groups are centres: a directory creates its centres and puts its people in them."""

from sqlalchemy import select

from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User

GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"


def _group(name: str, *members: str) -> dict:
    return {"schemas": [GROUP], "displayName": name, "members": [{"value": m} for m in members]}


def _centre_of(user_id: str) -> str | None:
    db.session.expire_all()
    user = db.session.get(User, int(user_id))
    return user.centre.name if user.centre else None


def test_a_group_is_a_centre_and_its_members_its_people(directory):
    anna = directory.create_user("anna@redcross.fi")["id"]
    mikko = directory.create_user("mikko@redcross.fi")["id"]
    response = directory.post("/Groups", _group("Joutseno reception centre", anna))
    assert response.status_code == 201, response.get_data(as_text=True)
    group = response.get_json(force=True)
    assert db.session.get(Centre, int(group["id"])).name == "Joutseno reception centre"
    assert _centre_of(anna) == "Joutseno reception centre" and _centre_of(mikko) is None
    assert [m["value"] for m in group["members"]] == [anna]
    user = directory.get(f"/Users/{anna}").get_json(force=True)
    assert user["groups"][0]["value"] == group["id"]
    assert user["groups"][0]["display"] == "Joutseno reception centre"
    directory.patch(
        f"/Groups/{group['id']}", {"op": "add", "path": "members", "value": [{"value": mikko}]}
    )
    assert _centre_of(mikko) == "Joutseno reception centre"
    directory.patch(
        f"/Groups/{group['id']}", {"op": "remove", "path": f'members[value eq "{anna}"]'}
    )
    assert _centre_of(anna) is None and _centre_of(mikko) == "Joutseno reception centre"
    found = directory.get('/Groups?filter=displayName eq "Joutseno reception centre"')
    assert found.get_json(force=True)["totalResults"] == 1


def test_a_person_is_in_one_centre_at_a_time(directory):
    anna = directory.create_user("anna@redcross.fi")["id"]
    first = directory.post("/Groups", _group("Centre North", anna)).get_json(force=True)
    directory.post("/Groups", _group("Centre South", anna))
    assert _centre_of(anna) == "Centre South"
    listed = directory.get(f"/Groups/{first['id']}").get_json(force=True)
    assert "members" not in listed


def test_renaming_and_removing_a_group(directory):
    anna = directory.create_user("anna@redcross.fi")["id"]
    group = directory.post("/Groups", _group("Centre North", anna)).get_json(force=True)
    renamed = directory.put(f"/Groups/{group['id']}", _group("Centre North-East", anna))
    assert renamed.status_code == 200
    assert db.session.get(Centre, int(group["id"])).name == "Centre North-East"
    assert directory.delete(f"/Groups/{group['id']}").status_code == 204
    assert directory.get(f"/Groups/{group['id']}").status_code == 404
    assert db.session.get(Centre, int(group["id"])) is not None, "the centre stays"
    assert _centre_of(anna) == "Centre North-East", "and its people with it"
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"scim.centre_created", "scim.centre_changed", "scim.centre_removed"} <= actions
    assert {"centre.renamed", "account.centre_changed"} <= actions


def test_centres_and_people_of_others_are_out_of_reach(directory, other_directory, centres, users):
    assert directory.post("/Groups", _group("Centre A")).status_code == 409, "a centre's name"
    assert directory.get(f"/Groups/{centres['a'].id}").status_code == 404
    theirs = other_directory.create_user("someone@elsewhere.fi")["id"]
    response = directory.post("/Groups", _group("Centre North", theirs))
    assert (
        response.status_code == 400 and response.get_json(force=True)["scimType"] == "invalidValue"
    )
    learner = str(users["learner"].id)
    assert directory.post("/Groups", _group("Centre North", learner)).status_code == 400
    assert _centre_of(learner) == "Centre A"
    ours = directory.post("/Groups", _group("Centre North")).get_json(force=True)
    assert other_directory.get(f"/Groups/{ours['id']}").status_code == 404
    renamed = directory.put(f"/Groups/{ours['id']}", _group("Centre B"))
    assert renamed.status_code == 409 and renamed.get_json(force=True)["scimType"] == "uniqueness"
