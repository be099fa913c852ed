"""SCIM 2.0 (RFC 7643) as this platform speaks it: the attributes it keeps, the schemas,
resource types and configuration it publishes, and how a person or a centre reads as
a SCIM resource. Parsing, filters and PATCH are scim2-models' (python-scim).

A User is the account of a person a directory provisioned: userName (unique on the
server), name, displayName, emails (required: an account needs an e-mail address),
preferredLanguage, active and externalId, stored as the directory sent them; the
account's name and e-mail address follow them. A Group is a centre; its members are
the directory's people whose centre it is (a person is in one centre at a time).
The schemas publish only these attributes, so a request with any other is refused.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scim2_models import (
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    Context,
    ETag,
    Filter,
    Group,
    Meta,
    Patch,
    Required,
    Resource,
    ResourceType,
    Schema,
    ServiceProviderConfig,
    Sort,
    User,
)

from trainer.core.i18n import LANGUAGES
from trainer.modules.identity.models import ScimCentre, ScimPerson

MAX_RESULTS = 200  # the most resources one list or search answers with
USER_ATTRIBUTES = {
    "userName": None,
    "name": ("formatted", "familyName", "givenName"),
    "displayName": None,
    "emails": ("value", "type", "primary"),
    "preferredLanguage": None,
    "active": None,
    "groups": ("value", "$ref", "display", "type"),
}
GROUP_ATTRIBUTES = {"displayName": None, "members": ("value", "$ref", "type")}
# What the server decides; never stored from a request.
SERVER_ATTRIBUTES = ("schemas", "id", "meta", "groups")


def _published(schema: Schema, kept: Mapping[str, tuple[str, ...] | None]) -> Schema:
    """The library's full core schema cut to the attributes this server keeps."""
    schema.attributes = [a for a in schema.attributes or [] if a.name in kept]
    for attribute in schema.attributes:
        if sub_attributes := kept[str(attribute.name)]:
            attribute.sub_attributes = [
                s for s in attribute.sub_attributes or [] if s.name in sub_attributes
            ]
        if attribute.name == "emails":  # an account needs an e-mail address
            attribute.required = Required.true
            for sub_attribute in attribute.sub_attributes or []:
                if sub_attribute.name == "value":
                    sub_attribute.required = Required.true
    return schema


USER_SCHEMA = _published(User.to_schema(), USER_ATTRIBUTES)
GROUP_SCHEMA = _published(Group.to_schema(), GROUP_ATTRIBUTES)
ScimUser: type[Resource[Any]] = Resource.from_schema(USER_SCHEMA)
ScimGroup: type[Resource[Any]] = Resource.from_schema(GROUP_SCHEMA)
SCHEMAS = {str(USER_SCHEMA.id): USER_SCHEMA, str(GROUP_SCHEMA.id): GROUP_SCHEMA}
RESOURCE_TYPES = {
    kind: ResourceType.model_validate(
        {
            "id": kind,
            "name": kind,
            "description": description,
            "endpoint": f"/{kind}s",
            "schema": str(schema.id),
        }
    )
    for kind, description, schema in (
        ("User", "A person's account", USER_SCHEMA),
        ("Group", "A reception centre", GROUP_SCHEMA),
    )
}
SERVICE_PROVIDER_CONFIG = ServiceProviderConfig(
    patch=Patch(supported=True),
    bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
    filter=Filter(supported=True, max_results=MAX_RESULTS),
    change_password=ChangePassword(supported=False),
    sort=Sort(supported=False),
    etag=ETag(supported=False),
    authentication_schemes=[
        AuthenticationScheme(
            type=AuthenticationScheme.Type.oauthbearertoken,
            name="Bearer token",
            description="A token an admin issues for one directory (Administration > SCIM)",
            primary=True,
        )
    ],
)


def dump(resource: Resource[Any] | Any, **options: Any) -> dict[str, Any]:
    return resource.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE, **options)


def _meta(kind: str, base_url: str, identifier: int, created, updated) -> Meta:
    return Meta(
        resource_type=kind,
        created=created,
        last_modified=updated,
        location=f"{base_url}/{kind}s/{identifier}",
    )


def user_resource(person: ScimPerson, base_url: str, centres: dict[int, str]) -> Resource[Any]:
    """The person as the directory sees them; `centres` are the directory's, by id."""
    user = person.user
    groups = []
    if user.centre_id in centres:
        groups = [
            {
                "value": str(user.centre_id),
                "$ref": f"{base_url}/Groups/{user.centre_id}",
                "display": centres[user.centre_id],
                "type": "direct",
            }
        ]
    payload = {**person.attributes, "id": str(user.id), "groups": groups or None}
    if "active" in payload:  # as the account is now: an admin may have closed it
        payload["active"] = user.is_active_account
    resource = ScimUser.model_validate(payload)
    resource.meta = _meta("User", base_url, user.id, person.created_at, person.updated_at)
    return resource


def group_resource(link: ScimCentre, base_url: str, members: list[int]) -> Resource[Any]:
    payload: dict[str, Any] = {
        "id": str(link.centre_id),
        "displayName": link.centre.name,
        "members": [
            {"value": str(m), "$ref": f"{base_url}/Users/{m}", "type": "User"} for m in members
        ]
        or None,
    }
    if link.external_id:
        payload["externalId"] = link.external_id
    resource = ScimGroup.model_validate(payload)
    resource.meta = _meta("Group", base_url, link.centre_id, link.created_at, link.updated_at)
    return resource


@dataclass(frozen=True)
class PersonFields:
    """What a User resource sets on the account, and the attributes kept as sent."""

    user_name: str
    name: str
    email: str
    locale: str | None
    active: bool | None
    attributes: dict[str, Any]


def person_fields(resource: Resource[Any]) -> PersonFields:
    payload = resource.model_dump(scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST)
    attributes = {k: v for k, v in payload.items() if k not in SERVER_ATTRIBUTES}
    emails = payload.get("emails") or []
    primary = next((e for e in emails if e.get("primary")), emails[0] if emails else {})
    name = payload.get("name") or {}
    given = " ".join(filter(None, (name.get("givenName"), name.get("familyName"))))
    return PersonFields(
        user_name=payload["userName"],
        name=payload.get("displayName") or name.get("formatted") or given or payload["userName"],
        email=primary.get("value") or "",
        locale=_locale(payload.get("preferredLanguage")),
        active=payload.get("active"),
        attributes=attributes,
    )


def _locale(preferred: str | None) -> str | None:
    """fi, sv or en from an RFC 7231 language tag ("sv-FI", "fi;q=0.9"); None otherwise."""
    if not preferred:
        return None
    language = preferred.split(",")[0].split(";")[0].split("-")[0].strip().lower()
    return language if language in LANGUAGES else None


def group_fields(resource: Resource[Any]) -> tuple[str, str | None, list[str]]:
    """A Group's centre name, externalId, and member ids as sent."""
    payload = resource.model_dump(scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST)
    members = [str(m.get("value", "")) for m in payload.get("members") or []]
    return payload.get("displayName") or "", payload.get("externalId"), members
