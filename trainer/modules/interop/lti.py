"""LTI 1.3 with pylti1p3: the registered platforms as its tool configuration, the values
between OIDC login and launch kept in the database (any server may take the launch, and
a nonce is good for one launch only), and the launched person's account.

A launched person is found again by the platform's `sub`, never by e-mail alone: an
e-mail the platform sends is used for a new account only when no account has it yet.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final

from flask_babel import gettext as _
from pylti1p3.contrib.flask import FlaskRequest
from pylti1p3.contrib.flask.session import FlaskSessionService
from pylti1p3.deployment import Deployment
from pylti1p3.launch_data_storage.cache import CacheDataStorage
from pylti1p3.registration import Registration
from pylti1p3.tool_config.abstract import ToolConfAbstract
from sqlalchemy import delete, select

from trainer.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from trainer.core.inputs import is_plain_text
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import LEARNER, TRAINER, Centre, User, user_by_email
from trainer.modules.accounts.operations import AccountError, create_user
from trainer.modules.interop.lti_models import (
    URL_LENGTH,
    LtiAccount,
    LtiContext,
    LtiLaunchValue,
    LtiPlatform,
)

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCORE_SCOPE: Final = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
# Who writes or teaches the course in the platform is a trainer here; everyone else a learner.
TRAINER_ROLES = (
    "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
    "http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper",
    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor",
)


class LaunchRefused(Exception):
    """A launch that creates nothing; the message says why, for the person launching."""


class DatabaseCache:
    """The cache pylti1p3's CacheDataStorage expects, in the lti_launch_values table."""

    def get(self, key: str) -> Any:
        row = db.session.get(LtiLaunchValue, key)
        return json.loads(row.value) if row and row.expires_at > utcnow() else None

    def set(self, key: str, value: Any, exp: int | None = None) -> None:
        now = utcnow()
        db.session.execute(delete(LtiLaunchValue).where(LtiLaunchValue.expires_at <= now))
        expires_at = now + timedelta(seconds=exp or 3600)
        db.session.merge(LtiLaunchValue(key=key, value=json.dumps(value), expires_at=expires_at))
        db.session.flush()

    def take(self, key: str) -> bool:
        """True once for a value that is there and fresh; it is gone afterwards."""
        taken = db.session.execute(
            delete(LtiLaunchValue).where(
                LtiLaunchValue.key == key, LtiLaunchValue.expires_at > utcnow()
            )
        )
        return bool(taken.rowcount)  # type: ignore[attr-defined]


class LaunchStorage(CacheDataStorage):
    def __init__(self) -> None:
        super().__init__()
        self._values = DatabaseCache()
        self._cache = self._values  # type: ignore[assignment] # pylti1p3 types it as None

    def take(self, key: str) -> bool:
        return self._values.take(self._prepare_key(key))


class OneTimeNonces(FlaskSessionService):
    """pylti1p3's session service, but a nonce is spent by the launch that uses it."""

    def check_nonce(self, nonce: str) -> bool:
        storage = self.data_storage
        assert isinstance(storage, LaunchStorage)
        return storage.take(self._get_key("nonce", nonce))


def platform_for(issuer: str, client_id: str | None) -> LtiPlatform | None:
    if not is_plain_text(issuer) or (client_id and not is_plain_text(client_id)):
        return None
    query = select(LtiPlatform).where(LtiPlatform.issuer == issuer)
    if client_id:
        return db.session.scalar(query.where(LtiPlatform.client_id == client_id))
    found = db.session.scalars(query.limit(2)).all()
    return found[0] if len(found) == 1 else None


def registration(platform: LtiPlatform, private_key: str | None = None) -> Registration:
    found = (
        Registration()
        .set_issuer(platform.issuer)
        .set_client_id(platform.client_id)
        .set_key_set_url(platform.key_set_url)
        .set_auth_login_url(platform.auth_login_url)
        .set_auth_token_url(platform.auth_token_url)
    )
    return found.set_tool_private_key(private_key) if private_key else found


class PlatformRegistry(ToolConfAbstract[FlaskRequest]):
    """The tool configuration: every platform an admin registered, from the database."""

    def check_iss_has_one_client(self, iss: str) -> bool:
        return False  # one issuer may register this tool more than once

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return True

    def find_registration_by_issuer(self, iss: str, *args, **kwargs) -> Registration:
        return self.find_registration_by_params(iss, None, *args, **kwargs)  # type: ignore[arg-type]

    def find_registration_by_params(self, iss: str, client_id: str, *args, **kwargs):
        platform = platform_for(iss, client_id)
        return registration(platform) if platform else None

    def find_deployment(self, iss: str, deployment_id: str) -> Deployment | None:
        return None  # every issuer is looked up with its client id

    def find_deployment_by_params(self, iss: str, deployment_id: str, client_id: str, *a, **kw):
        platform = platform_for(iss, client_id)
        if platform is None or deployment_id not in platform.deployments:
            return None
        return Deployment().set_deployment_id(deployment_id)


@dataclass(frozen=True)
class Launch:
    """Who the platform launched, as this installation records them."""

    user: User
    language: str


def launch_language(claims: Mapping[str, Any]) -> str | None:
    """The platform's language for the person (launch_presentation.locale, "fi-FI"),
    if the course speaks it."""
    presentation = claims.get(CLAIM + "launch_presentation")
    locale = str(presentation.get("locale") or "") if isinstance(presentation, dict) else ""
    language = locale.replace("_", "-").split("-")[0].lower()
    return language if language in LANGUAGES else None


def launch_role(claims: Mapping[str, Any]) -> str:
    roles = claims.get(CLAIM + "roles") or []
    return TRAINER if any(role in TRAINER_ROLES for role in roles) else LEARNER


def _name(claims: Mapping[str, Any], platform: LtiPlatform) -> str:
    given = " ".join(str(claims.get(k) or "") for k in ("given_name", "family_name")).strip()
    name = str(claims.get("name") or given).strip()
    return name[:200] or _("Learner from %(platform)s", platform=platform.name)


def _email(claims: Mapping[str, Any], platform: LtiPlatform, subject: str) -> str:
    """The platform's e-mail if no account has it, else an address that reaches no one
    (.invalid), unique to the platform and subject."""
    email = str(claims.get("email") or "").strip().lower()
    if email and "@" in email and len(email) <= 254 and user_by_email(email) is None:
        return email
    digest = hashlib.sha256(subject.encode()).hexdigest()[:24]
    return f"lti-{platform.id}-{digest}@lti.invalid"


def launch_centre(platform: LtiPlatform, claims: Mapping[str, Any]) -> Centre:
    """The centre the launch's context is mapped to, else the platform's."""
    context = claims.get(CLAIM + "context")
    context_id = str(context.get("id")) if isinstance(context, dict) else ""
    if not is_plain_text(context_id) or len(context_id) > 255:
        return platform.centre
    mapped = db.session.scalar(
        select(LtiContext).where(
            LtiContext.platform_id == platform.id, LtiContext.context_id == context_id
        )
    )
    return mapped.centre if mapped else platform.centre


def _new_account(
    platform: LtiPlatform, claims: Mapping[str, Any], subject: str, language: str
) -> User:
    return create_user(
        email=_email(claims, platform, subject),
        name=_name(claims, platform),
        role=launch_role(claims),
        locale=language,
        centre=launch_centre(platform, claims),
    )


def _lineitem(claims: Mapping[str, Any]) -> str | None:
    """Where the platform takes this resource's score, if it offers AGS and lets the
    tool post scores."""
    endpoint = claims.get(AGS_CLAIM)
    if not isinstance(endpoint, dict) or SCORE_SCOPE not in (endpoint.get("scope") or []):
        return None
    url = endpoint.get("lineitem")
    if not isinstance(url, str) or len(url) > URL_LENGTH or not url.startswith("http"):
        return None
    return url if is_plain_text(url) else None


def launched(platform: LtiPlatform, claims: Mapping[str, Any]) -> Launch:
    """The account of the person a validated launch names, created on their first launch
    in the platform's centre; flushes."""
    subject = str(claims.get("sub") or "")
    if not subject or len(subject) > 255 or not is_plain_text(subject):
        raise LaunchRefused(_("The learning platform did not say who is launching the course."))
    account = db.session.scalar(
        select(LtiAccount).where(
            LtiAccount.platform_id == platform.id, LtiAccount.subject == subject
        )
    )
    language = launch_language(claims)
    if account is None:
        try:
            user = _new_account(platform, claims, subject, language or DEFAULT_LANGUAGE)
        except AccountError as error:
            raise LaunchRefused(str(error)) from None
        account = LtiAccount(platform=platform, subject=subject, user=user)
        db.session.add(account)
    elif language:
        account.user.locale = language
    if not account.user.is_active:
        raise LaunchRefused(_("This account is closed. Ask the course's administrator."))
    account.last_launch_at = utcnow()
    account.lineitem_url = _lineitem(claims) or account.lineitem_url
    db.session.flush()
    return Launch(account.user, account.user.locale)


class PlatformError(Exception):
    """A registration that cannot be saved; the message says what to change."""


def register_platform(
    *,
    name: str,
    issuer: str,
    client_id: str,
    key_set_url: str,
    auth_login_url: str,
    auth_token_url: str,
    deployment_ids: list[str],
    centre_name: str,
) -> LtiPlatform:
    """Register a learning platform (or update its registration for the same issuer and
    client id); its launched people join the centre named. Flushes."""
    centre = _centre_named(centre_name)
    urls = (issuer, key_set_url, auth_login_url, auth_token_url)
    if not all(url.startswith(("https://", "http://")) and len(url) <= 500 for url in urls):
        raise PlatformError("The issuer and the three URLs must be http(s) addresses.")
    if not deployment_ids:
        raise PlatformError("Give at least one deployment id.")
    platform = platform_for(issuer, client_id) or LtiPlatform(issuer=issuer, client_id=client_id)
    platform.name, platform.centre = name, centre
    platform.key_set_url, platform.auth_login_url = key_set_url, auth_login_url
    platform.auth_token_url = auth_token_url
    platform.deployment_ids = "\n".join(deployment_ids)
    db.session.add(platform)
    db.session.flush()
    return platform


def _centre_named(name: str) -> Centre:
    centre = db.session.scalar(select(Centre).where(Centre.name == name))
    if centre is None:
        raise PlatformError(f"No centre is named {name!r}.")
    return centre


def map_context(*, issuer: str, client_id: str, context_id: str, centre_name: str) -> LtiContext:
    """People launched from the platform's context `context_id` join the centre named
    (their first launch decides; an account never moves by itself). Flushes."""
    platform = platform_for(issuer, client_id)
    if platform is None:
        raise PlatformError(f"No platform is registered with issuer {issuer!r} and that client id.")
    if not context_id or len(context_id) > 255 or not is_plain_text(context_id):
        raise PlatformError("The context id must be plain text of at most 255 characters.")
    mapping = db.session.scalar(
        select(LtiContext).where(
            LtiContext.platform_id == platform.id, LtiContext.context_id == context_id
        )
    ) or LtiContext(platform_id=platform.id, context_id=context_id)
    mapping.centre = _centre_named(centre_name)
    db.session.add(mapping)
    db.session.flush()
    return mapping
