"""OpenID Connect with Authlib: the authorization code flow with PKCE (S256), the
provider found through its discovery document, and the ID token checked (signature
against the provider's JWKS, issuer, audience, nonce, expiry) before anyone is let in.

The flow's state, nonce and code verifier wait in the session between the redirect to
the provider and its answer (Authlib keeps them under a key of their own).
"""

from typing import Any

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import current_app, url_for
from flask.sansio.app import App
from flask_babel import gettext as _
from joserfc.errors import (
    BadSignatureError,
    ExpiredTokenError,
    InvalidClaimError,
    JoseError,
    MissingClaimError,
)
from requests import RequestException
from werkzeug.wrappers import Response

from trainer.modules.identity.operations import Person, SignInRefused, refuse
from trainer.modules.identity.providers import OIDC, Provider

# Seconds of clock difference allowed between the provider and this server.
LEEWAY = 60
SCOPE = "openid email profile"
ENTRA_TENANT = "{tenantid}"  # Entra ID's multi-tenant discovery names the issuer so


def init_oidc(app: App) -> None:
    oauth = OAuth(app)
    for provider in app.extensions["identity_providers"].values():
        if provider.kind == OIDC:
            oauth.register(
                provider.key,
                client_id=provider.client_id,
                client_secret=provider.client_secret,
                server_metadata_url=f"{provider.issuer}/.well-known/openid-configuration",
                client_kwargs={"scope": SCOPE, "code_challenge_method": "S256"},
            )
    app.extensions["identity_oauth"] = oauth


def _client(provider: Provider):
    return current_app.extensions["identity_oauth"].create_client(provider.key)


def callback_url(provider: Provider) -> str:
    return url_for("identity.oidc_callback", key=provider.key, _external=True)


def start(provider: Provider) -> Response:
    """The redirect to the provider's sign-in, with a fresh state, nonce and PKCE."""
    try:
        return _client(provider).authorize_redirect(callback_url(provider))
    except (RequestException, OAuthError, ValueError, KeyError):
        raise refuse(
            provider,
            "provider unreachable",
            _(
                "The sign-in of %(organisation)s could not be reached. Try again in a moment.",
                organisation=provider.name,
            ),
        ) from None


def _issuer_check(metadata: dict[str, Any]):
    """The issuer must be the discovery document's; for Entra ID's multi-tenant endpoint,
    with the token's own tenant in it."""
    expected = metadata.get("issuer", "")

    def matches(claims: dict[str, Any], issuer: Any) -> bool:
        tenant = claims.get("tid")
        if ENTRA_TENANT in expected and isinstance(tenant, str):
            return issuer == expected.replace(ENTRA_TENANT, tenant)
        return issuer == expected

    return matches


def claims_options(provider: Provider, metadata: dict[str, Any]) -> dict[str, Any]:
    return {
        "iss": {"essential": True, "validate": _issuer_check(metadata)},
        "aud": {"essential": True, "value": provider.client_id},
        "exp": {"essential": True},
        "nonce": {"essential": True},
    }


def _why(error: Exception) -> tuple[str, str]:
    """The refusal's reason for the log and its message for the person."""
    if isinstance(error, BadSignatureError):
        return "bad signature", _("The sign-in could not be verified: its signature is not right.")
    if isinstance(error, ExpiredTokenError):
        return "expired", _("The sign-in had expired before it arrived. Please try again.")
    claim = getattr(error, "claim", "")
    if isinstance(error, InvalidClaimError | MissingClaimError) and claim == "aud":
        return "wrong audience", _("The sign-in was meant for another service, not this one.")
    if isinstance(error, InvalidClaimError | MissingClaimError) and claim == "nonce":
        return "wrong nonce", _(
            "The sign-in does not answer this browser's request. Please start again."
        )
    if isinstance(error, InvalidClaimError | MissingClaimError) and claim == "iss":
        return "wrong issuer", _("The sign-in came from another provider than expected.")
    return "not verified", _("The sign-in could not be verified. Please start again.")


def _refusal(provider: Provider, error: Exception) -> SignInRefused:
    reason, message = _why(error)
    return refuse(provider, reason, message)


def checked_claims(provider: Provider, token: dict[str, Any], nonce: str) -> dict[str, Any]:
    """The ID token's claims once every check has passed; SignInRefused otherwise. The
    same checks as at the callback, for a token that arrived some other way."""
    client = _client(provider)
    options = claims_options(provider, client.load_server_metadata())
    try:
        claims = client.parse_id_token(token, nonce=nonce, claims_options=options, leeway=LEEWAY)
    except (JoseError, ValueError) as error:
        raise _refusal(provider, error) from None
    if claims is None:
        raise refuse(provider, "no id token", _("The provider sent no ID token."))
    return dict(claims)


def finish(provider: Provider) -> dict[str, Any]:
    """The provider's answer at the callback: the state checked, the code exchanged (with
    the PKCE verifier) for tokens, and the ID token's claims once every check has passed."""
    client = _client(provider)
    try:
        options = claims_options(provider, client.load_server_metadata())
        token = client.authorize_access_token(claims_options=options, leeway=LEEWAY)
    except OAuthError as error:
        raise refuse(
            provider,
            f"provider said {error.error}"[:100],
            _(
                "%(organisation)s did not sign you in. Please start again.",
                organisation=provider.name,
            ),
        ) from None
    except (JoseError, ValueError) as error:
        raise _refusal(provider, error) from None
    except (RequestException, KeyError):
        raise refuse(
            provider,
            "token exchange failed",
            _("The sign-in could not be completed. Please start again."),
        ) from None
    if "userinfo" not in token:
        raise refuse(provider, "no id token", _("The provider sent no ID token."))
    return dict(token["userinfo"])


def person(provider: Provider, claims: dict[str, Any]) -> Person:
    subject = claims.get(provider.subject_claim)
    email = claims.get("email") or claims.get("preferred_username") or ""
    name = claims.get("name") or " ".join(
        str(part) for part in (claims.get("given_name"), claims.get("family_name")) if part
    )
    return Person(
        subject=subject if isinstance(subject, str) else "",
        email=email if isinstance(email, str) and "@" in email else "",
        name=str(name or email),
        claims=claims,
    )


def has_sign_out(provider: Provider) -> bool:
    return end_session_endpoint(provider) is not None


def end_session_endpoint(provider: Provider) -> str | None:
    """The provider's RP-initiated logout address, if its discovery document names one."""
    try:
        endpoint = _client(provider).load_server_metadata().get("end_session_endpoint")
    except (RequestException, ValueError):
        return None
    return endpoint if isinstance(endpoint, str) else None


def sign_out_url(provider: Provider, _kept: dict[str, Any], back: str) -> str:
    """The provider's sign-out, coming back to `back` (registered with the provider)."""
    result = _client(provider).create_logout_url(
        post_logout_redirect_uri=back, client_id=provider.client_id
    )
    return result["url"]
