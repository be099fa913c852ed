"""Interop: the course in other systems. xAPI statements to a learning record store
(xapi_*.py), SCORM 1.2 packages (scorm*.py) and LTI 1.3 launch (lti_*.py)."""

from flask import Blueprint

blueprint = Blueprint("interop", __name__, template_folder="templates")

from trainer.modules.interop import (  # noqa: E402, F401
    lti_grades,
    lti_views,
    scorm_views,
    xapi_events,
    xapi_sending,
    xapi_views,
)
