"""An admin makes a directory's token (shown once, stored hashed), replaces it, revokes
it; the SCIM API answers only a live token, and logs each refusal."""

import hashlib
import re

from sqlalchemy import select

from tests.helpers.scim import ERROR_SCHEMA, MEDIA_TYPE, Directory
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.identity.models import ScimDirectory


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _token_on(page: str) -> str:
    found = re.search(r'<code id="scim-token">([^<]+)</code>', page)
    assert found, "the token page shows the token"
    return found[1]


def test_an_admin_makes_a_directory_and_sees_its_token_once(app, client, auth, users):
    auth.login("admin")
    response = client.post("/admin/scim", data={"name": "Entra ID of the Red Cross"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    token = _token_on(response.get_data(as_text=True))
    stored = db.session.scalar(select(ScimDirectory))
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.token_hash
    listing = client.get("/admin/scim").get_data(as_text=True)
    assert "Entra ID of the Red Cross" in listing and token not in listing
    assert Directory(app.test_client(), token).get("/Users").status_code == 200
    assert "scim.directory_created" in _actions()


def test_a_directory_name_is_needed_and_unique(client, auth, users, token):
    auth.login("admin")
    assert client.post("/admin/scim", data={"name": ""}).status_code == 400
    again = client.post("/admin/scim", data={"name": "Entra ID of Centre A"})
    assert again.status_code == 400
    assert "exists already" in again.get_data(as_text=True)
    assert db.session.query(ScimDirectory).count() == 1


def test_a_new_token_replaces_the_old_at_once(app, client, auth, users, directory):
    auth.login("admin")
    stored = db.session.scalar(select(ScimDirectory))
    page = client.post(f"/admin/scim/{stored.id}/token").get_data(as_text=True)
    new_token = _token_on(page)
    assert directory.get("/Users").status_code == 401
    assert Directory(app.test_client(), new_token).get("/Users").status_code == 200
    assert "scim.token_issued" in _actions()


def test_a_revoked_token_is_refused_with_a_scim_error(client, auth, users, directory):
    assert directory.get("/Users").status_code == 200
    auth.login("admin")
    stored = db.session.scalar(select(ScimDirectory))
    response = client.post(f"/admin/scim/{stored.id}/revoke")
    assert response.status_code == 302
    refused = directory.get("/Users")
    assert refused.status_code == 401
    assert refused.mimetype == MEDIA_TYPE
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert refused.get_json(force=True)["schemas"] == [ERROR_SCHEMA]
    assert directory.post("/Users", {"userName": "x"}).status_code == 401
    actions = _actions()
    assert "scim.token_revoked" in actions and actions.count("scim.token_refused") == 2
    page = client.get("/admin/scim").get_data(as_text=True)
    assert "Revoked on" in page


def test_a_wrong_missing_or_other_scheme_token_is_refused(app, users, directory):
    client = app.test_client()
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic eDp5"}):
        response = client.get("/scim/v2/Users", headers=headers)
        assert response.status_code == 401, headers
        assert response.get_json(force=True)["status"] == "401"


def test_a_signed_in_admin_without_the_token_is_refused(client, auth, users, token):
    """The API reads no cookie: a session (and so a forged cross-site request) gets 401."""
    auth.login("admin")
    assert client.get("/scim/v2/Users").status_code == 401
    body = '{"userName": "x"}'
    response = client.post("/scim/v2/Users", data=body, csrf=False, content_type=MEDIA_TYPE)
    assert response.status_code == 401


def test_the_use_of_a_token_is_logged_once_an_hour_not_per_request(directory):
    for _ in range(3):
        assert directory.get("/Users").status_code == 200
    assert _actions().count("scim.token_used") == 1
    assert db.session.scalar(select(ScimDirectory)).last_used_at is not None
