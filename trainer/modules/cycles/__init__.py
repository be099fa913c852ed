"""Cycles: recertification windows, renewals, retakes after a course change, history."""

from flask import Blueprint

blueprint = Blueprint("cycles", __name__, template_folder="templates")

# notices, digest and retakes register how the mail worker writes their messages;
# retakes also listens for passed quizzes.
from trainer.modules.cycles import digest, models, notices, retakes, views  # noqa: E402, F401
