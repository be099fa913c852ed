"""Signing out: the service's own session always ends (accounts does that); a person
who came through a provider that has a sign-out of its own is then offered it, since on
a shared computer the provider's session would otherwise sign the next person in."""

from typing import Any

from flask import session, url_for

from trainer.modules.accounts.signals import signed_out
from trainer.modules.identity.protocols import protocol
from trainer.modules.identity.providers import Provider, providers

SIGNED_IN_WITH = "identity.signed_in_with"  # in the session of a provider's sign-in
OFFER = "identity.sign_out_offer"  # in the fresh session after signing out


@signed_out.connect
def _offer_provider_sign_out(_user_id: int, ended: dict[str, Any], **_: object) -> None:
    signed_in_with = ended.get(SIGNED_IN_WITH)
    if not isinstance(signed_in_with, dict):
        return
    provider = providers().get(signed_in_with.get("provider", ""))
    if provider is not None and protocol(provider).has_sign_out(provider):
        session[OFFER] = {**signed_in_with, "kind": provider.kind}


def offer() -> dict[str, Any] | None:
    found = session.get(OFFER)
    return found if isinstance(found, dict) and "provider" in found else None


def offered_provider() -> Provider | None:
    """The provider whose sign-out the sign-in page offers, if any (a template global)."""
    found = offer()
    return providers().get(found["provider"]) if found else None


def provider_sign_out_url(provider: Provider, kept: dict[str, Any]) -> str:
    back = url_for("accounts.login", _external=True)
    return protocol(provider).sign_out_url(provider, kept, back)
