"""The SCIM 2.0 API (RFC 7644) at /scim/v2: a directory's bearer token, then discovery,
Users and Groups. Exempt from CSRF (no cookie is ever read); every answer, errors
included, is application/scim+json.

Lists and searches read the directory's people or centres in two queries and apply
the filter with scim2-models; a directory holds one organisation's staff.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, current_app, g, request
from flask.blueprints import BlueprintSetupState
from pydantic import ValidationError
from scim2_models import (
    Context,
    Error,
    InvalidSyntaxException,
    ListResponse,
    Meta,
    NotFoundException,
    PatchOp,
    Resource,
    ResourceType,
    Schema,
    SCIMException,
    SearchRequest,
)
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import PathConverter

from trainer.core.urls import external_url
from trainer.extensions import csrf, db
from trainer.modules.identity import scim, scim_operations
from trainer.modules.identity.scim_tokens import directory_for

scim_blueprint = Blueprint("scim", __name__, url_prefix="/scim/v2")
csrf.exempt(scim_blueprint)


class AnyTextConverter(PathConverter):
    """Any id or path, line breaks too, so that every odd one reaches a SCIM 404 rather
    than the site's HTML one."""

    regex = "(?s:.+)"
    part_isolating = False  # it spans slashes, as "path" does


@scim_blueprint.record_once
def _add_converter(state: BlueprintSetupState) -> None:
    state.app.url_map.converters["scim_any"] = AnyTextConverter


MEDIA_TYPE = "application/scim+json"
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def answer(payload: dict[str, Any] | None, status: int = 200, **headers: str) -> Response:
    body = "" if payload is None else json.dumps(payload, ensure_ascii=False)
    return Response(body, status=status, mimetype=MEDIA_TYPE, headers=headers)


def error_answer(error: Error) -> Response:
    status = int(error.status or 400)
    headers = {"WWW-Authenticate": 'Bearer realm="scim"'} if status == 401 else {}
    return answer(error.model_dump(), status, **headers)


@scim_blueprint.errorhandler(SCIMException)
def scim_error(error: SCIMException) -> Response:
    db.session.rollback()
    return error_answer(error.to_error())


@scim_blueprint.errorhandler(ValidationError)
def invalid(error: ValidationError) -> Response:
    """The first problem a model found, with the scimType RFC 7644 §3.12 names for it."""
    db.session.rollback()
    return error_answer(Error.from_validation_errors(error.errors())[0])


@scim_blueprint.errorhandler(IntegrityError)
def conflict(error: IntegrityError) -> Response:
    """Two requests raced for one userName, e-mail or centre name: the later one lost."""
    db.session.rollback()
    return error_answer(Error(status=409, scim_type="uniqueness", detail="It exists already."))


@scim_blueprint.errorhandler(HTTPException)
def http_error(error: HTTPException) -> Response:
    db.session.rollback()
    return error_answer(Error(status=error.code or 500, detail=error.description))


@scim_blueprint.errorhandler(Exception)
def unexpected(error: Exception) -> Response:
    """A fault of ours, logged, still answered in SCIM's words."""
    db.session.rollback()
    current_app.logger.exception("SCIM request failed")
    return error_answer(Error(status=500, detail="The server failed; the error is logged."))


@scim_blueprint.before_request
def authenticate() -> Response | None:
    directory = directory_for(request.headers.get("Authorization"))
    db.session.commit()  # the use of a token, or its refusal, is logged either way
    if directory is None:
        return error_answer(Error(status=401, detail="A valid bearer token is needed."))
    g.scim_directory = directory
    return None


def allowed(*methods: str) -> Callable:
    """Routes answer every method: one they do not serve is a SCIM 405, not an HTML page."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Response:
            if request.method not in methods:
                return error_answer(Error(status=405, detail=f"{request.method} is not served"))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _body() -> dict[str, Any]:
    try:
        payload = json.loads(request.get_data(as_text=True) or "null")
    except ValueError:
        raise InvalidSyntaxException(detail="The body is not JSON.") from None
    if not isinstance(payload, dict):
        raise InvalidSyntaxException(detail="The body is not a JSON object.")
    return payload


def _base_url() -> str:
    """/scim/v2 under BASE_URL: resources' locations never follow a forged Host header."""
    return tenant_url()


def tenant_url() -> str:
    return external_url("scim.nothing_here").rstrip("/")


# --- discovery (RFC 7644 §4) ---------------------------------------------------------


def _listed(model: type[Resource[Any]], resources: list[Any]) -> dict[str, Any]:
    listing = ListResponse[model](  # type: ignore[valid-type]
        total_results=len(resources),
        start_index=1,
        items_per_page=len(resources),
        resources=resources,
    )
    return listing.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)


def _located(resource: Any, endpoint: str) -> Any:
    """A copy of a published (shared, never changed) object, with where it lives."""
    located = resource.model_copy()
    located.meta = Meta(resource_type=type(resource).__name__, location=endpoint)
    return located


@scim_blueprint.route("/ServiceProviderConfig", methods=METHODS)
@allowed("GET")
def service_provider_config() -> Response:
    config = _located(scim.SERVICE_PROVIDER_CONFIG, f"{_base_url()}/ServiceProviderConfig")
    return answer(scim.dump(config))


@scim_blueprint.route("/ResourceTypes", methods=METHODS)
@allowed("GET")
def resource_types() -> Response:
    found = [
        _located(t, f"{_base_url()}/ResourceTypes/{t.id}") for t in scim.RESOURCE_TYPES.values()
    ]
    return answer(_listed(ResourceType, found))


@scim_blueprint.route("/ResourceTypes/<scim_any:type_id>", methods=METHODS)
@allowed("GET")
def resource_type(type_id: str) -> Response:
    found = scim.RESOURCE_TYPES.get(type_id)
    if found is None:
        raise NotFoundException(detail="no such resource type")
    return answer(scim.dump(_located(found, f"{_base_url()}/ResourceTypes/{type_id}")))


@scim_blueprint.route("/Schemas", methods=METHODS)
@allowed("GET")
def schemas() -> Response:
    found = [_located(s, f"{_base_url()}/Schemas/{s.id}") for s in scim.SCHEMAS.values()]
    return answer(_listed(Schema, found))


@scim_blueprint.route("/Schemas/<scim_any:schema_id>", methods=METHODS)
@allowed("GET")
def schema(schema_id: str) -> Response:
    found = scim.SCHEMAS.get(schema_id)
    if found is None:
        raise NotFoundException(detail="no such schema")
    return answer(scim.dump(_located(found, f"{_base_url()}/Schemas/{schema_id}")))


# --- listing and searching (RFC 7644 §3.4.2, §3.4.3) ---------------------------------


def _search(model: Any, parameters: dict[str, Any]) -> SearchRequest:
    return SearchRequest[model].model_validate(parameters, scim_ctx=Context.SEARCH_REQUEST)


def _page(model: Any, resources: list[Resource[Any]], search: SearchRequest) -> Response:
    if search.filter:
        resources = [r for r in resources if search.filter.match(r)]
    start = max(search.start_index or 1, 1)
    count = min(scim.MAX_RESULTS if search.count is None else search.count, scim.MAX_RESULTS)
    page = resources[start - 1 : start - 1 + count]
    listing = ListResponse[model](
        total_results=len(resources),
        start_index=start,
        items_per_page=len(page),
        resources=page,
    )
    return answer(
        listing.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE, response_parameters=search)
    )


def _query_parameters() -> dict[str, Any]:
    return {key: request.args.get(key) for key in request.args}


def _users() -> list[Resource[Any]]:
    directory = g.scim_directory
    centres = {link.centre_id: link.centre.name for link in scim_operations.centres_of(directory)}
    return [
        scim.user_resource(person, _base_url(), centres)
        for person in scim_operations.people_of(directory)
    ]


def _groups() -> list[Resource[Any]]:
    directory = g.scim_directory
    people = scim_operations.people_of(directory)
    return [
        scim.group_resource(
            link, _base_url(), [p.user_id for p in people if p.user.centre_id == link.centre_id]
        )
        for link in scim_operations.centres_of(directory)
    ]


def _one(resource: Resource[Any], status: int = 200) -> Response:
    search = _search(type(resource), _query_parameters())
    payload = resource.model_dump(
        scim_ctx=Context.RESOURCE_QUERY_RESPONSE, response_parameters=search
    )
    location = resource.meta.location if resource.meta else ""
    return answer(payload, status, Location=location or "")


# --- Users (RFC 7644 §3.3, §3.4.1, §3.5, §3.6) --------------------------------------


def _user(person: Any) -> Resource[Any]:
    directory = g.scim_directory
    centres = {link.centre_id: link.centre.name for link in scim_operations.centres_of(directory)}
    return scim.user_resource(person, _base_url(), centres)


def _user_from_body(context: Context) -> scim.PersonFields:
    resource = scim.ScimUser.model_validate(_body(), scim_ctx=context)
    return scim.person_fields(resource)


@scim_blueprint.route("/Users", methods=METHODS)
@allowed("GET", "POST")
def users() -> Response:
    if request.method == "GET":
        return _page(scim.ScimUser, _users(), _search(scim.ScimUser, _query_parameters()))
    fields = _user_from_body(Context.RESOURCE_CREATION_REQUEST)
    person = scim_operations.create_person(g.scim_directory, fields)
    db.session.commit()
    return _one(_user(person), 201)


@scim_blueprint.route("/Users/.search", methods=METHODS)
@allowed("POST")
def search_users() -> Response:
    return _page(scim.ScimUser, _users(), _search(scim.ScimUser, _body()))


@scim_blueprint.route("/Users/<scim_any:user_id>", methods=METHODS)
@allowed("GET", "PUT", "PATCH", "DELETE")
def user(user_id: str) -> Response:
    person = scim_operations.person_or_404(g.scim_directory, user_id)
    if request.method == "DELETE":
        scim_operations.delete_person(person)
        db.session.commit()
        return answer(None, 204)
    if request.method == "PUT":
        fields = _user_from_body(Context.RESOURCE_REPLACEMENT_REQUEST)
        scim_operations.replace_person(person, fields)
    elif request.method == "PATCH":
        patch = PatchOp[scim.ScimUser].model_validate(  # type: ignore[valid-type]
            _body(), scim_ctx=Context.RESOURCE_PATCH_REQUEST
        )
        resource = _user(person)
        patch.patch(resource)
        scim_operations.replace_person(person, scim.person_fields(resource))
    db.session.commit()
    return _one(_user(person))


# --- Groups: centres ------------------------------------------------------------------


def _group(link: Any) -> Resource[Any]:
    people = scim_operations.people_of(g.scim_directory)
    members = [p.user_id for p in people if p.user.centre_id == link.centre_id]
    return scim.group_resource(link, _base_url(), members)


@scim_blueprint.route("/Groups", methods=METHODS)
@allowed("GET", "POST")
def groups() -> Response:
    if request.method == "GET":
        return _page(scim.ScimGroup, _groups(), _search(scim.ScimGroup, _query_parameters()))
    resource = scim.ScimGroup.model_validate(_body(), scim_ctx=Context.RESOURCE_CREATION_REQUEST)
    link = scim_operations.create_group(g.scim_directory, *scim.group_fields(resource))
    db.session.commit()
    return _one(_group(link), 201)


@scim_blueprint.route("/Groups/.search", methods=METHODS)
@allowed("POST")
def search_groups() -> Response:
    return _page(scim.ScimGroup, _groups(), _search(scim.ScimGroup, _body()))


@scim_blueprint.route("/Groups/<scim_any:group_id>", methods=METHODS)
@allowed("GET", "PUT", "PATCH", "DELETE")
def group(group_id: str) -> Response:
    link = scim_operations.group_or_404(g.scim_directory, group_id)
    if request.method == "DELETE":
        scim_operations.remove_group(link)
        db.session.commit()
        return answer(None, 204)
    if request.method == "PUT":
        resource = scim.ScimGroup.model_validate(
            _body(), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST
        )
        scim_operations.replace_group(link, *scim.group_fields(resource))
    elif request.method == "PATCH":
        patch = PatchOp[scim.ScimGroup].model_validate(  # type: ignore[valid-type]
            _body(), scim_ctx=Context.RESOURCE_PATCH_REQUEST
        )
        resource = _group(link)
        patch.patch(resource)
        scim_operations.replace_group(link, *scim.group_fields(resource))
    db.session.commit()
    return _one(_group(link))


@scim_blueprint.route("/.search", methods=METHODS)
@allowed("POST")
def search_everything() -> Response:
    """A search at the root (RFC 7644 §3.4.3): people and centres alike."""
    model: Any = scim.ScimUser | scim.ScimGroup
    return _page(model, [*_users(), *_groups()], _search(model, _body()))


@scim_blueprint.route("/", methods=METHODS)
@scim_blueprint.route("/<scim_any:anything>", methods=METHODS)
def nothing_here(anything: str = "") -> Response:
    raise NotFoundException(detail="There is nothing at this address.")
