"""Absolute addresses: for e-mails, certificates and anything read away from the site.

They always use BASE_URL, never the address a request came in on, so a forged Host
header cannot change where a link points.
"""

from urllib.parse import urlsplit

from flask import current_app

from trainer.core.i18n import LANGUAGES, LINK_LANGUAGE


def external_url(endpoint: str, **values: object) -> str:
    """The absolute address of `endpoint` under BASE_URL, with or without a request."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)


def link_in_language(endpoint: str, language: str, **values: object) -> str:
    """The absolute address of `endpoint` for an e-mail to someone who reads `language`:
    the page opens in it (and so does the sign-in page it may lead to first)."""
    named = {LINK_LANGUAGE: language} if language in LANGUAGES else {}
    return external_url(endpoint, **named, **values)
