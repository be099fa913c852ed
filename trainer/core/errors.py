"""Error pages: a clear message in the user's language, never a traceback."""

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

ERROR_MESSAGES = {
    400: (_l("Bad request"), _l("The form could not be accepted. Reload the page and try again.")),
    403: (_l("Not allowed"), _l("Your account does not have access to this page.")),
    404: (_l("Not found"), _l("There is nothing at this address.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    410: (_l("Gone"), _l("This changed after you opened it. Go back and start again.")),
    413: (_l("Too large"), _l("The file or form you sent is larger than this service accepts.")),
    429: (_l("Too many attempts"), _l("Please wait a moment before trying again.")),
    500: (_l("Something went wrong"), _l("The error has been logged. Please try again later.")),
    503: (_l("Service unavailable"), _l("The service is temporarily unavailable.")),
}


def render_error(error: HTTPException):
    code = error.code or 500
    title, message = ERROR_MESSAGES.get(code, (error.name, error.description))
    return render_template("error.html", code=code, title=title, message=message), code


def init_errors(app: Flask) -> None:
    for code in ERROR_MESSAGES:
        app.register_error_handler(code, render_error)
