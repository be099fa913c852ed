"""The three languages of the course and how a request's language is chosen."""

from flask import has_request_context, request, session
from flask_babel import format_percent, get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

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


def _page_translations(context: Context):
    """The catalogue a page was rendered with; macros imported without the page's
    context look it up."""
    return context.get("ui_translations") or get_translations()


# Jinja's i18n extension reaches a catalogue through three calls per string (the `_`
# alias, the newstyle wrapper, the callable); these do the same work in one: translate,
# then format with the (escaped) variables, as newstyle gettext does.
def _format(context: Context, text: str, variables: dict) -> str:
    if context.eval_ctx.autoescape:
        # Our own catalogue's text is markup, as in Jinja's gettext; `%` escapes variables.
        text = Markup(text)  # noqa: S704
    return text % variables


@pass_context
def _gettext(context: Context, string: str, **variables) -> str:
    return _format(context, _page_translations(context).ugettext(string), variables)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, num: int, **variables) -> str:
    text = _page_translations(context).ungettext(singular, plural, num)
    return _format(context, text, {"num": num, **variables})


def percent(value: float) -> str:
    """A share in per cent (0-100) as the reader's language writes it: 80%, 80 %."""
    return format_percent(round(value) / 100)


def init_i18n(app) -> None:
    from trainer.extensions import babel

    babel.init_app(app, locale_selector=select_locale)
    # Each page takes its catalogue once, when it is rendered (so force_locale around
    # a rendering still works), and a dozen strings a page cost one call each.
    app.jinja_env.newstyle_gettext = True
    app.jinja_env.globals.update(_=_gettext, gettext=_gettext, ngettext=_ngettext)
    app.jinja_env.filters["percent"] = percent

    @app.context_processor
    def language_context():
        return {
            "languages": LANGUAGE_NAMES,
            "current_language": str(get_locale() or DEFAULT_LANGUAGE),
            "ui_translations": get_translations(),
        }
