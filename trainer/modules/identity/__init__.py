"""Identity: sign-in through an organisation's identity provider, and SCIM provisioning
of people and centres by an organisation's directory."""

from flask import Blueprint

blueprint = Blueprint("identity", __name__, template_folder="templates")

# --- SCIM provisioning (scim*.py) -------------------------------------------------------
# The SCIM 2.0 API is a blueprint of its own: a bearer-token API, exempt from CSRF, whose
# every answer (errors included) is SCIM JSON. Its admin pages are on `blueprint`.
from trainer.modules.identity import scim_admin_views  # noqa: E402, F401
from trainer.modules.identity.scim_views import scim_blueprint  # noqa: E402, F401
