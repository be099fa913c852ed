"""The three languages of the course and how a request's language is chosen."""

from flask import g, has_request_context, request, session
from flask_babel import get_locale, get_translations
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


def _translations():
    """The request's catalogue, looked up once per request and language."""
    locale = get_locale()
    cached = g.get("_trainer_translations")
    if cached is None or cached[0] is not locale:
        cached = g._trainer_translations = (locale, get_translations())
    return cached[1]


def init_i18n(app) -> None:
    from trainer.extensions import babel

    babel.init_app(app, locale_selector=select_locale)
    # Templates call gettext a dozen times a page; look the catalogue up once.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
    )

    @app.context_processor
    def language_context():
        return {
            "languages": LANGUAGE_NAMES,
            "current_language": str(get_locale() or DEFAULT_LANGUAGE),
        }
