"""Personal data: an admin exports everything stored about a person, or deletes them."""

from flask import Blueprint

blueprint = Blueprint("privacy", __name__, template_folder="templates")

from trainer.modules.privacy import views  # noqa: E402, F401
