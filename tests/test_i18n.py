"""Templates translate through the page's catalogue: the request's language, or the one
forced around a rendering; variables are escaped; plurals follow the number."""

from flask import render_template_string
from flask_babel import force_locale

GREETING = '{{ _("Certificates of %(centre)s", centre=centre) }}'
PEOPLE = '{{ ngettext("%(num)d person", "%(num)d people", count) }}'


def render_in(app, language: str, source: str, **context) -> str:
    """A page rendered in a request of its own (its own `g`, as in a real request)."""
    with app.app_context(), app.test_request_context(headers={"Accept-Language": language}):
        return render_template_string(source, **context)


def test_template_strings_follow_the_request_language(app):
    assert render_in(app, "sv", GREETING, centre="Ekenäs") == "Intyg: Ekenäs"
    assert render_in(app, "en", GREETING, centre="Ekenäs") == "Certificates of Ekenäs"


def test_variables_in_a_translated_string_are_escaped(app):
    page = render_in(app, "fi", GREETING, centre="<script>alert(1)</script>")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_plurals_follow_the_number(app):
    assert render_in(app, "fi", PEOPLE, count=1) == "1 henkilö"
    assert render_in(app, "fi", PEOPLE, count=3) == "3 henkilöä"


def test_a_rendering_inside_force_locale_uses_that_language(app):
    with app.app_context(), app.test_request_context(headers={"Accept-Language": "en"}):
        with force_locale("sv"):
            forced = render_template_string(GREETING, centre="Ekenäs")
        after = render_template_string(GREETING, centre="Ekenäs")
    assert (forced, after) == ("Intyg: Ekenäs", "Certificates of Ekenäs")


def test_macros_imported_without_the_page_context_translate_too(app):
    source = '{% from "macros.html" import pager %}{{ pager("accounts.audit_log", 2, 3) }}'
    swedish, english = render_in(app, "sv", source), render_in(app, "en", source)
    assert "Nyare" in swedish and "Sida 2 av 3" in swedish and "Äldre" in swedish
    assert "Newer" in english and "Page 2 of 3" in english and "Older" in english
