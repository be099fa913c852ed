"""Reports: the managers' dashboard of completion, its exports, deadlines and reminders."""

from flask import Blueprint

blueprint = Blueprint("reports", __name__, template_folder="templates")

# reminders registers how the mail worker writes a reminder; overdue answers the
# cycles digest with the people past their due date.
from trainer.modules.reports import overdue, person_views, reminders, views  # noqa: E402, F401
