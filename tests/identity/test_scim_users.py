"""A directory creates, reads, lists, replaces, patches, deactivates and deletes the
accounts of its staff; deactivation ends their sessions and keeps their records."""

from sqlalchemy import func, select

from tests.helpers.app import PASSWORD, AuthActions
from tests.helpers.certificates import issue_for
from tests.helpers.scim import USER_SCHEMA, person
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.accounts.models import User, user_by_email
from trainer.modules.accounts.operations import set_password
from trainer.modules.certificates.models import Certificate, Status
from trainer.modules.identity.models import ScimPerson
from trainer.modules.learning.models import LessonProgress


def _account(created: dict) -> User:
    db.session.expire_all()
    return db.session.get(User, int(created["id"]))


def test_creating_a_user_makes_a_learner_account(directory):
    created = directory.create_user(
        "anna.virtanen@redcross.fi",
        name={"givenName": "Anna", "familyName": "Virtanen"},
        preferredLanguage="sv-FI",
        externalId="entra-oid-1",
        active=True,
    )
    assert created["schemas"] == [USER_SCHEMA]
    assert created["meta"]["location"].endswith(f"/scim/v2/Users/{created['id']}")
    assert created["externalId"] == "entra-oid-1"
    user = _account(created)
    assert (user.email, user.name, user.role, user.locale) == (
        "anna.virtanen@redcross.fi",
        "Anna Virtanen",
        "learner",
        "sv",
    )
    assert user.is_active and user.password_hash is None
    read = directory.get(f"/Users/{created['id']}")
    assert read.status_code == 200 and read.mimetype == "application/scim+json"
    assert read.get_json(force=True)["userName"] == "anna.virtanen@redcross.fi"


def test_a_taken_user_name_or_email_is_a_uniqueness_conflict(directory, other_directory, users):
    directory.create_user("anna@redcross.fi")
    for body in (
        person("anna@redcross.fi", "another@redcross.fi"),  # the userName
        person("anna2@redcross.fi", "ANNA@redcross.fi"),  # the e-mail, in any case
        person("learner2", "learner@example.org"),  # an account made by invitation
    ):
        response = directory.post("/Users", body)
        assert response.status_code == 409, body
        assert response.get_json(force=True)["scimType"] == "uniqueness"
    again = other_directory.post("/Users", person("anna@redcross.fi", "x@redcross.fi"))
    assert again.status_code == 409, "userName is unique on the whole server"
    assert db.session.scalar(select(func.count(ScimPerson.id))) == 1


def test_filter_by_user_name_and_pages(directory):
    for number in range(5):
        directory.create_user(f"person{number}@redcross.fi")
    found = directory.get('/Users?filter=userName eq "PERSON3@redcross.fi"').get_json(force=True)
    assert found["totalResults"] == 1
    assert found["Resources"][0]["userName"] == "person3@redcross.fi"
    page = directory.get("/Users?startIndex=2&count=2").get_json(force=True)
    assert (page["totalResults"], page["startIndex"], page["itemsPerPage"]) == (5, 2, 2)
    assert [r["userName"] for r in page["Resources"]] == [
        "person1@redcross.fi",
        "person2@redcross.fi",
    ]
    none = directory.get('/Users?filter=userName eq "nobody"').get_json(force=True)
    assert none["totalResults"] == 0
    searched = directory.post("/Users/.search", {"filter": 'userName sw "person4"'})
    assert searched.get_json(force=True)["totalResults"] == 1


def test_a_directory_reaches_only_its_own_people(directory, other_directory, users):
    created = directory.create_user("anna@redcross.fi")
    assert other_directory.get(f"/Users/{created['id']}").status_code == 404
    assert other_directory.delete(f"/Users/{created['id']}").status_code == 404
    assert other_directory.get("/Users").get_json(force=True)["totalResults"] == 0
    learner = users["learner"].id  # an account made by invitation is nobody's to provision
    assert directory.get(f"/Users/{learner}").status_code == 404
    patched = directory.patch(
        f"/Users/{learner}", {"op": "replace", "path": "active", "value": False}
    )
    assert patched.status_code == 404
    assert _account({"id": learner}).is_active


def test_replacing_a_user_renames_and_readdresses_the_account(directory):
    created = directory.create_user("anna@redcross.fi", displayName="Anna")
    body = person("anna.k@redcross.fi", displayName="Anna Korhonen", active=True)
    response = directory.put(f"/Users/{created['id']}", body)
    assert response.status_code == 200
    replaced = response.get_json(force=True)
    assert (
        replaced["userName"] == "anna.k@redcross.fi" and replaced["displayName"] == "Anna Korhonen"
    )
    user = _account(created)
    assert (user.email, user.name) == ("anna.k@redcross.fi", "Anna Korhonen")


def test_patch_changes_attributes(directory):
    created = directory.create_user("anna@redcross.fi")
    response = directory.patch(
        f"/Users/{created['id']}",
        {"op": "add", "path": "name.givenName", "value": "Anna"},
        {"op": "replace", "path": 'emails[type eq "work"].value', "value": "anna@punainenristi.fi"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json(force=True)["name"] == {"givenName": "Anna"}
    assert _account(created).email == "anna@punainenristi.fi"


def test_deactivating_ends_every_session_and_keeps_records(app, directory):
    created = directory.create_user("anna@redcross.fi")
    user = _account(created)
    set_password(user, PASSWORD)
    db.session.commit()
    browser = app.test_client()
    AuthActions(browser).login("anna@redcross.fi")
    assert browser.get("/account").status_code == 200
    certificate = issue_for(user)
    response = directory.patch(
        f"/Users/{created['id']}", {"op": "replace", "path": "active", "value": False}
    )
    assert response.status_code == 200 and response.get_json(force=True)["active"] is False
    assert browser.get("/account").status_code == 302, "the session ended at once"
    assert AuthActions(app.test_client()).login("anna@redcross.fi").status_code != 302
    db.session.expire_all()
    assert not _account(created).is_active
    assert certificate.status() is Status.VALID, "the certificate stays"
    assert db.session.get(Certificate, certificate.id) is not None
    reopened = directory.patch(
        f"/Users/{created['id']}", {"op": "replace", "path": "active", "value": True}
    )
    assert reopened.get_json(force=True)["active"] is True
    assert _account(created).is_active


def test_deleting_follows_the_personal_data_deletion(app, directory):
    created = directory.create_user("anna@redcross.fi", displayName="Anna Virtanen")
    user = _account(created)
    db.session.add(LessonProgress(user_id=user.id, module_id="recognising", lesson_id="definition"))
    db.session.commit()
    certificate = issue_for(user)
    assert directory.delete(f"/Users/{created['id']}").status_code == 204
    assert directory.get(f"/Users/{created['id']}").status_code == 404
    user = _account(created)
    assert user.name == "Deleted person" and user.email.endswith("@invalid.example")
    assert not user.is_active
    db.session.expire_all()
    assert certificate.status() is Status.REVOKED
    assert certificate.revoked_reason == "account deleted"
    assert db.session.scalar(select(func.count(LessonProgress.user_id))) == 0
    assert db.session.scalar(select(func.count(ScimPerson.id))) == 0
    assert user_by_email("anna@redcross.fi") is None
    assert directory.create_user("anna@redcross.fi")["id"] != created["id"], "name free again"


def test_every_change_is_in_the_audit_log_in_words(client, auth, users, directory):
    created = directory.create_user("anna@redcross.fi")
    directory.patch(f"/Users/{created['id']}", {"op": "replace", "path": "active", "value": False})
    directory.delete(f"/Users/{created['id']}")
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"scim.person_created", "scim.person_changed", "scim.person_deleted"} <= actions
    assert {"account.closed", "person.deleted", "scim.token_used"} <= actions
    auth.login("admin")
    log = client.get("/admin/audit").get_data(as_text=True)
    assert "The directory Entra ID of Centre A created the account of" in log
    assert "changed the account of" in log and ": active." in log and "active, active" not in log
    assert "The directory Entra ID of Centre A deleted the account of Deleted person" in log


def test_the_requests_entra_id_sends(directory):
    """Microsoft Entra ID's provisioning, as its documentation shows it: a lookup by
    userName, a create, then PATCHes with capitalised ops, string booleans and a path
    that selects the work e-mail."""
    lookup = directory.get("/Users?filter=userName+eq+%22anna%40redcross.fi%22")
    assert lookup.get_json(force=True)["totalResults"] == 0
    created = directory.create_user(
        "anna@redcross.fi",
        externalId="anna",
        active=True,
        displayName="Anna Virtanen",
        name={"formatted": "Anna Virtanen", "familyName": "Virtanen", "givenName": "Anna"},
        meta={"resourceType": "User"},
    )
    user_path = f"/Users/{created['id']}"
    renamed = directory.patch(
        user_path,
        {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "anna.v@redcross.fi"},
        {"op": "Replace", "path": "displayName", "value": "Anna Korhonen"},
    )
    assert renamed.status_code == 200, renamed.get_data(as_text=True)
    assert (_account(created).email, _account(created).name) == (
        "anna.v@redcross.fi",
        "Anna Korhonen",
    )
    disabled = directory.patch(user_path, {"op": "Replace", "path": "active", "value": "False"})
    assert disabled.status_code == 200 and not _account(created).is_active


def test_the_admins_export_and_deletion_cover_what_the_directory_sent(
    client, auth, users, directory
):
    created = directory.create_user("anna@redcross.fi", displayName="Anna Virtanen")
    auth.login("admin")
    export = client.post(f"/admin/users/{created['id']}/personal-data.json").get_json(force=True)
    assert export["provisioned_by_directory"] == [
        {
            "directory": "Entra ID of Centre A",
            "userName": "anna@redcross.fi",
            "attributes": {
                "userName": "anna@redcross.fi",
                "displayName": "Anna Virtanen",
                "emails": [{"value": "anna@redcross.fi", "type": "work", "primary": True}],
            },
        }
    ]
    deleted = client.post(
        f"/admin/users/{created['id']}/delete", data={"email": "anna@redcross.fi"}
    )
    assert deleted.status_code == 302
    assert directory.get(f"/Users/{created['id']}").status_code == 404
    assert db.session.scalar(select(func.count(ScimPerson.id))) == 0
