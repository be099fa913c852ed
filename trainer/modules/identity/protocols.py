"""Each protocol a provider may speak, as the module that speaks it. Each has:
start(provider) -> the redirect to the provider's sign-in;
has_sign_out(provider) -> whether the provider has a sign-out of its own;
sign_out_url(provider, kept, back) -> that sign-out, given what the sign-in kept."""

from types import ModuleType

from trainer.modules.identity import oidc, saml
from trainer.modules.identity.providers import OIDC, SAML, Provider

PROTOCOLS: dict[str, ModuleType] = {OIDC: oidc, SAML: saml}


def protocol(provider: Provider) -> ModuleType:
    return PROTOCOLS[provider.kind]
