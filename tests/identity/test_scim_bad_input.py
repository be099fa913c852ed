"""Bad requests get a SCIM error (RFC 7644 §3.12) in application/scim+json, and change
nothing: never a 500, never an HTML page, never half a write."""

import pytest
from sqlalchemy import func, select

from tests.helpers.scim import ERROR_SCHEMA, MEDIA_TYPE, PATCH_SCHEMA, USER_SCHEMA, person
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User

GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
LONG = "x" * 300

BAD_REQUESTS = [
    # (method, path, body or raw text, status, scimType)
    ("POST", "/Users", "{not json", 400, "invalidSyntax"),
    ("POST", "/Users", "[1, 2]", 400, "invalidSyntax"),
    ("POST", "/Users", "", 400, "invalidSyntax"),
    ("POST", "/Users", "\x00", 400, "invalidSyntax"),
    ("POST", "/Users", {**person("a@b.fi"), "phoneNumbers": [{"value": "1"}]}, 400, "invalidSyntax"),
    ("POST", "/Users", {**person("a@b.fi"), "role": "admin"}, 400, "invalidSyntax"),
    ("POST", "/Users", {"schemas": [USER_SCHEMA], "emails": [{"value": "a@b.fi"}]}, 400, None),
    ("POST", "/Users", {"schemas": [USER_SCHEMA], "userName": "a@b.fi"}, 400, None),
    ("POST", "/Users", {**person("a@b.fi"), "userName": 5}, 400, "invalidValue"),
    ("POST", "/Users", {**person("a@b.fi"), "active": "perhaps"}, 400, "invalidValue"),
    ("POST", "/Users", person("a@b.fi", "not-an-address"), 400, "invalidValue"),
    ("POST", "/Users", person("a@b.fi", f"{LONG}@b.fi"), 400, "invalidValue"),
    ("POST", "/Users", person("a@b.fi", "a\x00@b.fi"), 400, "invalidValue"),
    ("POST", "/Users", {**person("a@b.fi"), "displayName": "A\x07"}, 400, "invalidValue"),
    ("POST", "/Users", {**person("a@b.fi"), "displayName": LONG}, 400, "invalidValue"),
    ("POST", "/Users", {**person("a@b.fi"), "schemas": ["urn:nonsense"]}, 400, None),
    ("GET", "/Users?filter=userName eq", None, 400, "invalidFilter"),
    ("GET", '/Users?filter=userName eq "a" and', None, 400, "invalidFilter"),
    ("GET", '/Users?filter=shoeSize eq "42"', None, 400, "invalidFilter"),
    ("GET", "/Users?filter=" + "(" * 500, None, 400, "invalidFilter"),
    ("GET", "/Users?startIndex=abc", None, 400, None),
    ("GET", "/Users?count=many", None, 400, None),
    ("POST", "/Users/.search", {"filter": "userName xx 1"}, 400, "invalidFilter"),
    ("POST", "/Users/.search", "nonsense", 400, "invalidSyntax"),
    ("GET", "/Users/abc", None, 404, None),
    ("GET", "/Users/99999999999999999999999", None, 404, None),
    ("GET", "/Users/-1", None, 404, None),
    ("GET", "/Users/1%00", None, 404, None),
    ("DELETE", "/Users/abc", None, 404, None),
    ("PUT", "/Users/abc", person("a@b.fi"), 404, None),
    ("GET", "/Groups/%E2%80%AE", None, 404, None),
    ("GET", "/Schemas/urn:nonsense", None, 404, None),
    ("GET", "/ResourceTypes/Nothing", None, 404, None),
    ("GET", "/Nothing/here", None, 404, None),
    ("DELETE", "/Users", None, 405, None),
    ("PUT", "/ServiceProviderConfig", {}, 405, None),
    ("POST", "/Groups", {"schemas": [GROUP]}, 400, None),
    ("POST", "/Groups", {"schemas": [GROUP], "displayName": "C", "owner": "me"}, 400, "invalidSyntax"),
    ("POST", "/Groups", {"schemas": [GROUP], "displayName": "C", "members": [{"value": "abc"}]}, 400, "invalidValue"),
    ("POST", "/Groups", {"schemas": [GROUP], "displayName": LONG}, 400, "invalidValue"),
    ("POST", "/Groups", {"schemas": [GROUP], "displayName": " "}, 400, "invalidValue"),
]  # fmt: skip


def _counts() -> tuple[int, int, int]:
    return (
        db.session.scalar(select(func.count(User.id))),
        db.session.scalar(select(func.count(Centre.id))),
        db.session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action != "scim.token_used")
        ),
    )


def _assert_scim_error(response, status: int, scim_type: str | None) -> None:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == MEDIA_TYPE
    error = response.get_json(force=True)
    assert error["schemas"] == [ERROR_SCHEMA]
    assert error["status"] == str(status)
    assert error.get("detail")
    if scim_type:
        assert error["scimType"] == scim_type


@pytest.mark.parametrize(("method", "path", "body", "status", "scim_type"), BAD_REQUESTS)
def test_a_bad_request_gets_a_scim_error_and_changes_nothing(
    directory, method, path, body, status, scim_type
):
    before = _counts()
    raw = body if isinstance(body, str) else None
    response = directory.call(method, path, None if raw is not None else body, raw=raw)
    _assert_scim_error(response, status, scim_type)
    assert _counts() == before


BAD_PATCHES = [
    [{"op": "explode", "path": "active", "value": False}],
    [{"op": "replace", "path": "shoeSize", "value": 42}],
    [{"op": "replace", "path": "emails[type eq", "value": "x"}],
    [{"op": "replace", "path": "active", "value": "perhaps"}],
    [
        {"op": "replace", "path": "userName", "value": "b@b.fi"},
        {"op": "remove", "path": "userName"},
    ],
    [{"op": "replace", "path": "emails", "value": [{"value": "learner@example.org"}]}],
    [{"op": "replace", "path": "id", "value": "7"}],
    [],
]


@pytest.mark.parametrize("operations", BAD_PATCHES)
def test_a_bad_patch_changes_nothing(directory, users, operations):
    created = directory.create_user("a@b.fi", displayName="Anna")
    before = _counts()
    response = directory.call(
        "PATCH", f"/Users/{created['id']}", {"schemas": [PATCH_SCHEMA], "Operations": operations}
    )
    assert 400 <= response.status_code < 500
    _assert_scim_error(response, response.status_code, None)
    assert _counts() == before
    assert directory.get(f"/Users/{created['id']}").get_json(force=True) == created | {
        "meta": directory.get(f"/Users/{created['id']}").get_json(force=True)["meta"]
    }
