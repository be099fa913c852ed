"""Interop: the course in other systems. xAPI statements to a learning record store
(xapi_*.py); SCORM export and LTI 1.3 launch live beside them in their own files."""

from flask import Blueprint

blueprint = Blueprint("interop", __name__, template_folder="templates")

from trainer.modules.interop import xapi_events, xapi_sending, xapi_views  # noqa: E402, F401
