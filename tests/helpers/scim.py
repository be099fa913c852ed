"""A SCIM directory for a test: its token, and requests to /scim/v2 with it."""

import json
from typing import Any

from trainer.extensions import db
from trainer.modules.identity import scim_tokens

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
MEDIA_TYPE = "application/scim+json"


def new_directory(name: str = "Entra ID of Centre A", actor_id: int | None = None) -> str:
    """A directory made as an admin makes one (by `trainer` commands, None); its token."""
    _directory, token = scim_tokens.create_directory(name, actor_id)
    db.session.commit()
    return token


class Directory:
    """A directory's requests: JSON bodies, its bearer token, SCIM's media type."""

    def __init__(self, client, token: str):
        self.client, self.token = client, token

    def call(self, method: str, path: str, body: Any = None, *, raw: str | None = None, **kw):
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": MEDIA_TYPE}
        data = raw if raw is not None else (None if body is None else json.dumps(body))
        return self.client.open(f"/scim/v2{path}", method=method, data=data, headers=headers, **kw)

    def get(self, path: str, **kw):
        return self.call("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw):
        return self.call("POST", path, body, **kw)

    def put(self, path: str, body: Any, **kw):
        return self.call("PUT", path, body, **kw)

    def patch(self, path: str, *operations: dict, **kw):
        body = {"schemas": [PATCH_SCHEMA], "Operations": list(operations)}
        return self.call("PATCH", path, body, **kw)

    def delete(self, path: str, **kw):
        return self.call("DELETE", path, **kw)

    def create_user(self, user_name: str, email: str | None = None, **attributes) -> dict:
        response = self.post("/Users", person(user_name, email, **attributes))
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json(force=True)


def person(user_name: str, email: str | None = None, **attributes) -> dict:
    return {
        "schemas": [USER_SCHEMA],
        "userName": user_name,
        "emails": [{"value": email or user_name, "type": "work", "primary": True}],
        **attributes,
    }
