"""Interop: the course in other systems (SCORM 1.2 packages, LTI 1.3 launch)."""

from flask import Blueprint

blueprint = Blueprint("interop", __name__, template_folder="templates", url_prefix="/interop")

from trainer.modules.interop import lti_grades, lti_views, scorm_views  # noqa: E402, F401
