"""Authoring: trainers preview the course, check files in the browser, read question statistics."""

from flask import Blueprint

from trainer.modules.authoring import filters

blueprint = Blueprint("authoring", __name__, template_folder="templates", url_prefix="/authoring")
filters.register(blueprint)

from trainer.modules.authoring import check_views, views  # noqa: E402, F401
