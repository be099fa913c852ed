"""The three languages of the course and how a request's language is chosen."""

from flask import has_request_context, request, session
from flask_login import current_user

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"
# Each language named in itself, as a switcher shows it.
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


def select_locale() -> str:
    """The user's setting, then the session, then the browser, then Finnish."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    if current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    if session.get("locale") in LANGUAGES:
        return session["locale"]
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def init_i18n(app) -> None:
    from flask_babel import get_locale

    from trainer.extensions import babel

    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def language_context():
        return {
            "languages": LANGUAGE_NAMES,
            "current_language": str(get_locale() or DEFAULT_LANGUAGE),
        }
