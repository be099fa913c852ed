"""The three languages of the course, how a request's language is chosen, and how
dates are written.

The interface speaks fi, sv or en (the catalogues, `<html lang>`, the switcher), but
every date and time is written as it is in Finland, in any of the three: the formats
of Babel's fi_FI, sv_FI and en_FI. Plain `en` would write the US "March 5, 2025" and
`sv` the Swedish "2025-03-05"; en_FI writes "5 March 2025" and sv_FI "5.3.2025".
Flask-Babel looks a named format ("short", "long", ...) up in `Babel.date_formats`
before asking the locale; `FinnishDateFormats` answers there with the pattern of the
language's Finnish variant. So `format_date(d, "long")`, the `dateformat` filter and
everything under `force_locale` (e-mails, certificates) follow it, unchanged.
"""

from datetime import date, datetime, time
from functools import cache
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from flask import current_app, has_request_context, request, session
from flask_babel import format_percent, get_locale
from flask_login import current_user, user_logged_in

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"
# Each language named in itself, as a switcher shows it.
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


# The account's language setting when this session signed in (see select_locale).
SETTING_AT_SIGN_IN = "locale_setting_at_sign_in"


# A link in an e-mail names the language of its recipient: /learn?lang=sv.
LINK_LANGUAGE = "lang"


def select_locale() -> str:
    """The language of this request: the session's choice or the account's setting,
    else the language an e-mail's link names, else the browser's, else Finnish.

    A language chosen with the switcher before signing in stays after it (sign-in keeps
    the session's choice): for a signed-in user the session's choice comes first while
    the account's setting is what it was at sign-in. Once the setting changes (the
    switcher signed in, the settings page, an admin, another device), the setting does.
    """
    if not has_request_context():
        return DEFAULT_LANGUAGE
    chosen = session.get("locale") if session.get("locale") in LANGUAGES else None
    if current_user.is_authenticated and current_user.locale in LANGUAGES:
        if chosen and current_user.locale == session.get(SETTING_AT_SIGN_IN):
            return chosen
        return current_user.locale
    if chosen:
        return chosen
    return language_of_link() or request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def language_of_link() -> str | None:
    """The language the link that opened this page names, also on the sign-in page it
    led to first (/login?next=/learn?lang=sv): a page reached from an e-mail speaks
    the language of the e-mail, whatever the browser asks for."""
    named = request.args.get(LINK_LANGUAGE)
    if named is None:
        following = urlsplit(request.args.get("next", "")).query
        named = parse_qs(following).get(LINK_LANGUAGE, [None])[0]
    return named if named in LANGUAGES else None


def _remember_setting_at_sign_in(_app, user, **_extra) -> None:
    session[SETTING_AT_SIGN_IN] = user.locale


def percent(value: float) -> str:
    """A share in per cent (0-100) as the reader's language writes it: 80%, 80 %."""
    return format_percent(round(value) / 100)


# Where dates are read: each language writes them as it is written in Finland.
TERRITORY = "FI"


@cache
def finnish_pattern(language: str, key: str) -> str | None:
    """The pattern of a named format (`key` such as "date.long") in the language's
    Finnish variant (en_FI for en), or None for a language Babel has no such variant of."""
    kind, _dot, length = key.partition(".")
    try:
        locale = Locale(language, TERRITORY)
    except UnknownLocaleError:
        return None
    date, time = locale.date_formats[length].pattern, locale.time_formats[length].pattern
    if kind == "date":
        return date
    if kind == "time":
        return time
    return str(locale.datetime_formats[length]).replace("{1}", date).replace("{0}", time)


def start_of_day(day: date) -> datetime:
    """The moment `day` begins in Finland (BABEL_DEFAULT_TIMEZONE), where every date the
    app shows or is given is meant. (Flask-Babel's pytz zone would put it at 00:00 LMT.)"""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.combine(day, time.min, tzinfo=zone)


class FinnishDateFormats(dict):
    """Flask-Babel's `date_formats` with one change: a named format without a pattern of
    its own ("date.long": None) gets the pattern of the current language in Finland."""

    def __getitem__(self, key: str):
        value = super().__getitem__(key)
        if value is None and "." in key:
            locale = get_locale()
            return finnish_pattern(locale.language, key) if locale else None
        return value


def init_i18n(app) -> None:
    from flask_babel import Babel

    from trainer.extensions import babel

    babel.date_formats = FinnishDateFormats(Babel.default_date_formats)
    babel.init_app(app, locale_selector=select_locale)
    user_logged_in.connect(_remember_setting_at_sign_in, app)
    app.jinja_env.filters["percent"] = percent

    @app.context_processor
    def language_context():
        return {
            "languages": LANGUAGE_NAMES,
            "current_language": str(get_locale() or DEFAULT_LANGUAGE),
        }
