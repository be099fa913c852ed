"""Every SCIM route with a live token and hostile values in the path, the query and each
attribute of the body: always a SCIM JSON answer, never a 500. Runs on PostgreSQL too,
which refuses NUL and numbers beyond 64 bits where SQLite lets them pass."""

import json
from urllib.parse import quote

import pytest

from tests.helpers.scim import GROUP_SCHEMA, MEDIA_TYPE, PATCH_SCHEMA, person

pytestmark = pytest.mark.property

HOSTILE = [
    "\x00\x1b[2J\r\n\t\x7f\x85",
    "9" * 10_000,
    "9" * 25,
    "-1",
    "²",
    "٣",
    "",
    "😀\u202e\ud7ff",
    '"',
    "(",
]
HOSTILE_VALUES = [*HOSTILE, None, 0, 2**70, -1.5, True, [], {}, [None], {"value": None}]
QUERY = ("filter", "startIndex", "count", "attributes", "excludedAttributes", "sortBy")


def _bodies(ordinary: dict):
    """The ordinary body with each attribute, and each value of a sub-attribute, hostile."""
    for key, value in ordinary.items():
        for hostile in HOSTILE_VALUES:
            yield {**ordinary, key: hostile}
            if isinstance(value, list) and value and isinstance(value[0], dict):
                for sub_key in value[0]:
                    yield {**ordinary, key: [{**value[0], sub_key: hostile}]}
            if isinstance(value, dict):
                for sub_key in value:
                    yield {**ordinary, key: {**value, sub_key: hostile}}


def _check(response, failures: list[str], what: str) -> None:
    if response.status_code >= 500 or (
        response.status_code != 204 and response.mimetype != MEDIA_TYPE
    ):
        failures.append(f"{what}: {response.status_code} {response.get_data(as_text=True)[:200]}")


def test_no_scim_request_fails(directory):
    failures: list[str] = []
    user = directory.create_user("anna@redcross.fi", displayName="Anna", name={"givenName": "A"})
    group = directory.post(
        "/Groups", {"schemas": [GROUP_SCHEMA], "displayName": "Centre", "members": []}
    ).get_json(force=True)
    ordinary_user = person("mikko@redcross.fi", displayName="Mikko", name={"givenName": "M"})
    ordinary_user |= {"active": True, "externalId": "m", "preferredLanguage": "fi"}
    ordinary_group = {"schemas": [GROUP_SCHEMA], "displayName": "Centre 2"}
    ordinary_group |= {"members": [{"value": user["id"]}], "externalId": "g"}
    for hostile in HOSTILE:
        encoded = quote(hostile, safe="")
        for path in ("/Users/", "/Groups/", "/Schemas/", "/ResourceTypes/", "/"):
            for method in ("GET", "PUT", "PATCH", "DELETE", "POST"):
                response = directory.call(method, path + encoded, {})
                _check(response, failures, f"{method} {path}{hostile[:20]!r}")
        for name in QUERY:
            for path in ("/Users", "/Groups", f"/Users/{user['id']}"):
                response = directory.client.get(
                    f"/scim/v2{path}",
                    query_string={name: hostile},
                    headers={"Authorization": f"Bearer {directory.token}"},
                )
                _check(response, failures, f"GET {path}?{name}={hostile[:20]!r}")
            body = {name: hostile}
            _check(directory.post("/.search", body), failures, f"POST /.search {body!r:.60}")
    for body in _bodies(ordinary_user):
        for method, path in (("POST", "/Users"), ("PUT", f"/Users/{user['id']}")):
            _check(directory.call(method, path, body), failures, f"{method} {path} {body!r:.80}")
    for body in _bodies(ordinary_group):
        for method, path in (("POST", "/Groups"), ("PUT", f"/Groups/{group['id']}")):
            _check(directory.call(method, path, body), failures, f"{method} {path} {body!r:.80}")
    operation = {"op": "replace", "path": "displayName", "value": "x"}
    for key in operation:
        for hostile in HOSTILE_VALUES:
            patch = {"schemas": [PATCH_SCHEMA], "Operations": [{**operation, key: hostile}]}
            for path in (f"/Users/{user['id']}", f"/Groups/{group['id']}"):
                response = directory.call("PATCH", path, patch)
                _check(response, failures, f"PATCH {path} {key}={hostile!r:.40}")
    raw = ["", "{", "null", "[]", '"x"', "1e999999", json.dumps({"a": [[[[[]]]]] * 1000})]
    for text in raw:
        _check(directory.call("POST", "/Users", raw=text), failures, f"POST raw {text[:20]!r}")
    assert failures == [], "\n".join(failures[:40])
