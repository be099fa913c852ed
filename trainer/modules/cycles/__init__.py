"""Cycles: recertification windows, renewals, retakes after a course change, history."""

from flask import Blueprint

blueprint = Blueprint("cycles", __name__, template_folder="templates")

# notices and digest register how the mail worker writes their messages.
from trainer.modules.cycles import digest, models, notices, views  # noqa: E402, F401
