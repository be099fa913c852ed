"""What the service says about itself: who runs it (TRAINER_ORG_*, in every page's
header and footer), the front page a visitor reads before signing in, the privacy
notice, and the accessibility statement with its feedback form (Act on the Provision
of Digital Services 306/2019)."""

from flask import Blueprint

from trainer.core.organisation import organisation

# Annotated because views.py, imported below, uses it before mypy could infer its type.
blueprint: Blueprint = Blueprint("about", __name__, template_folder="templates")


@blueprint.app_context_processor
def organisation_context() -> dict:
    return {"organisation": organisation()}


from trainer.modules.about import mails, views  # noqa: E402, F401
from trainer.modules.about.views import front_page  # noqa: E402

__all__ = ["blueprint", "front_page"]
