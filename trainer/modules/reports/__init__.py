"""Reports: the managers' dashboard of completion, its exports, deadlines and reminders."""

from flask import Blueprint

blueprint = Blueprint("reports", __name__, template_folder="templates")

from trainer.modules.reports import person_views, views  # noqa: E402, F401
