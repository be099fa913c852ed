"""Identity: signing in through the organisation's identity provider (OpenID Connect,
such as Microsoft Entra ID; SAML 2.0, such as Suomi.fi), with accounts created just in
time in the provider's centre and linked by the provider's stable subject; and SCIM
provisioning of people and centres by an organisation's directory (scim*.py)."""

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

from trainer.modules.identity.providers import init_providers, providers

blueprint = Blueprint("identity", __name__, template_folder="templates")


@blueprint.record_once
def _set_up(state: BlueprintSetupState) -> None:
    from trainer.modules.identity.oidc import init_oidc

    init_providers(state.app)
    init_oidc(state.app)


@blueprint.app_template_global()
def identity_providers() -> list:
    """The organisations whose sign-in the sign-in page offers, by name."""
    return sorted(providers().values(), key=lambda provider: provider.name)


from trainer.modules.identity import scim_admin_views, sign_out, views  # noqa: E402, F401

blueprint.add_app_template_global(sign_out.offered_provider, "identity_sign_out_offer")

# The SCIM 2.0 API is a blueprint of its own: a bearer-token API, exempt from CSRF, whose
# every answer (errors included) is SCIM JSON. Its admin pages are on `blueprint`.
from trainer.modules.identity.scim_views import scim_blueprint  # noqa: E402, F401
