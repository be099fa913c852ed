"""SAML 2.0 with python3-saml, for an identity provider shaped like Suomi.fi.

The AuthnRequest is signed (HTTP-Redirect); the answer must carry a signed and
encrypted assertion (HTTP-POST to the assertion consumer service), in answer to a
request of ours, used only once. Our metadata is at /sso/<key>/metadata, which is also
our entity id. Of the attributes only the given name, surname and e-mail are used; the
personal identity code only as the key of a pseudonym (HMAC-SHA256 with the provider's
`pseudonym_secret`), because Suomi.fi's NameID changes at every sign-in. The code itself
is never stored, logged or kept in the session.
"""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app, redirect, request, url_for
from flask_babel import gettext as _
from lxml.etree import LxmlError
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.authn_request import OneLogin_Saml2_Authn_Request
from onelogin.saml2.constants import OneLogin_Saml2_Constants as Constants
from onelogin.saml2.errors import OneLogin_Saml2_Error, OneLogin_Saml2_ValidationError
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser
from onelogin.saml2.settings import OneLogin_Saml2_Settings
from sqlalchemy import delete
from werkzeug.wrappers import Response

from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.identity.models import UsedAssertion
from trainer.modules.identity.operations import Person, refuse
from trainer.modules.identity.providers import Provider

GIVEN_NAME = "urn:oid:2.5.4.42"
SURNAME = "urn:oid:2.5.4.4"
MAIL = "urn:oid:0.9.2342.19200300.100.1.3"
# Suomi.fi's levels of assurance: substantial (loa2) and high (loa3).
LEVELS_OF_ASSURANCE = ["http://ftn.ficora.fi/2017/loa2", "http://ftn.ficora.fi/2017/loa3"]
SAML_ERRORS = (OneLogin_Saml2_Error, OneLogin_Saml2_ValidationError, LxmlError, ValueError)


def _settings(provider: Provider) -> dict[str, Any]:
    idp = OneLogin_Saml2_IdPMetadataParser.parse(provider.idp_metadata)["idp"]

    def address(endpoint: str) -> str:
        return url_for(endpoint, key=provider.key, _external=True)

    return {
        "strict": True,
        "sp": {
            "entityId": address("identity.saml_metadata"),
            "assertionConsumerService": {
                "url": address("identity.saml_acs"),
                "binding": Constants.BINDING_HTTP_POST,
            },
            "singleLogoutService": {
                "url": address("identity.saml_sls"),
                "binding": Constants.BINDING_HTTP_REDIRECT,
            },
            "NameIDFormat": Constants.NAMEID_TRANSIENT,
            "x509cert": provider.sp_certificate,
            "privateKey": provider.sp_key,
        },
        "idp": idp,
        "security": {
            "authnRequestsSigned": True,
            "logoutRequestSigned": True,
            "logoutResponseSigned": True,
            "wantAssertionsSigned": True,
            "wantAssertionsEncrypted": True,
            "wantNameId": True,
            "requestedAuthnContext": LEVELS_OF_ASSURANCE,
            "signatureAlgorithm": Constants.RSA_SHA256,
            "digestAlgorithm": Constants.SHA256,
            "rejectDeprecatedAlgorithm": True,
            "signMetadata": False,
        },
    }


def _request_data() -> dict[str, Any]:
    """The request as python3-saml reads it (scheme and host as the proxies resolved)."""
    return {
        "https": "on" if request.scheme == "https" else "off",
        "http_host": request.host,
        "script_name": request.path,
        "get_data": request.args.to_dict(),
        "post_data": request.form.to_dict(),
        "query_string": request.query_string.decode(),
    }


def _auth(provider: Provider) -> OneLogin_Saml2_Auth:
    return OneLogin_Saml2_Auth(_request_data(), _settings(provider))


def metadata(provider: Provider) -> str:
    """The service provider's metadata: entity id, endpoints, signing and encryption keys."""
    settings = OneLogin_Saml2_Settings(_settings(provider), sp_validation_only=True)
    xml = settings.get_sp_metadata()
    errors = settings.validate_metadata(xml)
    if errors:
        raise RuntimeError(f"SAML metadata of {provider.key} is not valid: {errors}")
    return xml.decode() if isinstance(xml, bytes) else xml


def _relay_mac(request_id: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"saml-relay:{request_id}".encode(), hashlib.sha256).hexdigest()
    return digest[:22]


def relay_state(request_id: str) -> str:
    """The RelayState: our request's id, so that only an answer to it is accepted, and a
    mac, so that nobody else can name one. Under SAML's 80 bytes, without the session
    (a cross-site POST to the assertion consumer service carries no Lax cookie)."""
    return f"{request_id}.{_relay_mac(request_id)}"


def request_id_of(relay: str) -> str | None:
    request_id, _dot, mac = relay.rpartition(".")
    return request_id if request_id and hmac.compare_digest(mac, _relay_mac(request_id)) else None


def start(provider: Provider) -> Response:
    """The redirect to the provider with a signed AuthnRequest."""
    try:
        auth = _auth(provider)
        settings = auth.get_settings()
        authn = OneLogin_Saml2_Authn_Request(settings)
        parameters = {"SAMLRequest": authn.get_request(), "RelayState": relay_state(authn.get_id())}
        auth.add_request_signature(parameters, settings.get_security_data()["signatureAlgorithm"])
        return redirect(auth.redirect_to(auth.get_sso_url(), parameters))
    except SAML_ERRORS:
        raise refuse(
            provider,
            "request not made",
            _(
                "The sign-in through %(organisation)s could not be started.",
                organisation=provider.name,
            ),
        ) from None


def _why(reason: str) -> tuple[str, str]:
    lowered = reason.lower()
    if "encrypt" in lowered:
        return "assertion not encrypted", _("The sign-in was not encrypted as required.")
    if "sign" in lowered:
        return "signature not valid", _(
            "The sign-in could not be verified: it was not signed as required, or not by "
            "the expected provider."
        )
    return "not verified", _("The sign-in could not be verified. Please start again.")


def _first(attributes: dict[str, list[str]], name: str) -> str:
    values = attributes.get(name) or [""]
    return str(values[0]).strip()


def _subject(provider: Provider, auth: OneLogin_Saml2_Auth, attributes: dict) -> str:
    """A pseudonym of the attribute that names the person for good (the personal
    identity code), or a persistent NameID; never the attribute itself."""
    source = _first(attributes, provider.subject_attribute)
    if source:
        secret = provider.pseudonym_secret.encode()
        return "pseudonym:" + hmac.new(secret, source.encode(), hashlib.sha256).hexdigest()
    if auth.get_nameid_format() == Constants.NAMEID_PERSISTENT:
        return f"nameid:{auth.get_nameid()}"
    return ""


def _never_seen_before(provider: Provider, auth: OneLogin_Saml2_Auth) -> None:
    """Remember the assertion until it expires; refuse it if it has been used already."""
    assertion_id = auth.get_last_assertion_id() or ""
    if not assertion_id or db.session.get(UsedAssertion, assertion_id) is not None:
        raise refuse(
            provider, "replayed", _("This sign-in has been used already. Please start again.")
        )
    now = utcnow()
    expiry = auth.get_last_assertion_not_on_or_after()
    expires_at = datetime.fromtimestamp(expiry, UTC) if expiry else now + timedelta(hours=1)
    db.session.execute(delete(UsedAssertion).where(UsedAssertion.expires_at < now))
    db.session.add(UsedAssertion(assertion_id=assertion_id, expires_at=expires_at))
    db.session.flush()


def finish(provider: Provider) -> tuple[Person, dict[str, Any]]:
    """The person in the provider's answer, and what signing out there will need."""
    request_id = request_id_of(request.form.get("RelayState", ""))
    if request_id is None:
        raise refuse(
            provider,
            "no request of ours",
            _("This sign-in answers no request of ours. Please start again."),
        )
    try:
        auth = _auth(provider)
        auth.process_response(request_id=request_id)
    except SAML_ERRORS as error:
        reason, message = _why(str(error))
        raise refuse(provider, reason, message) from None
    if auth.get_errors() or not auth.is_authenticated():
        reason, message = _why(auth.get_last_error_reason() or "")
        raise refuse(provider, reason, message)
    _never_seen_before(provider, auth)
    attributes = auth.get_attributes()
    given, surname = _first(attributes, GIVEN_NAME), _first(attributes, SURNAME)
    person = Person(
        subject=_subject(provider, auth, attributes),
        email=_first(attributes, MAIL),
        name=f"{given} {surname}".strip(),
        # What a provider's "centres" may be chosen by; only the centre is kept.
        claims={
            name: _first(attributes, name)
            for name in attributes
            if name != provider.subject_attribute
        },
    )
    kept = {
        "name_id": auth.get_nameid(),
        "name_id_format": auth.get_nameid_format(),
        "session_index": auth.get_session_index(),
    }
    return person, kept


def has_sign_out(provider: Provider) -> bool:
    idp = OneLogin_Saml2_IdPMetadataParser.parse(provider.idp_metadata)["idp"]
    return bool(idp.get("singleLogoutService", {}).get("url"))


def sign_out_url(provider: Provider, kept: dict[str, Any], back: str) -> str:
    """A signed LogoutRequest for the session the provider opened."""
    return _auth(provider).logout(
        return_to=back,
        name_id=kept.get("name_id"),
        session_index=kept.get("session_index"),
        name_id_format=kept.get("name_id_format"),
    )


def answer_sign_out(provider: Provider) -> tuple[str | None, bool]:
    """At the single logout service: (where to go next, whether it checked out). For the
    provider's LogoutRequest, the next stop is its LogoutResponse."""
    try:
        auth = _auth(provider)
        url = auth.process_slo(keep_local_session=True)
    except SAML_ERRORS:
        return None, False
    return url, not auth.get_errors()
