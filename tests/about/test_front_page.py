"""The front page tells a visitor what the course is, in their browser's language, with
a switcher; the language chosen before signing in stays after it."""

import re

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from tests.helpers.app import AuthActions
from tests.helpers.pages import ORGANISATION, footer_of, lang_of, main_of
from trainer.extensions import db
from trainer.modules.courses import catalogue

LANGUAGES = ("fi", "sv", "en")


def in_language(app, language: str, text: str) -> str:
    with app.test_request_context(), force_locale(language):
        return _(text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_reads_what_the_course_is_in_the_browsers_language(app, client, language):
    response = client.get("/", headers={"Accept-Language": f"{language},en;q=0.5"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert lang_of(page) == language
    course = catalogue().course(language)
    main = main_of(page)
    assert course.title in main
    for module in course.modules:
        assert module.title in main
    for text in ("Who it is for", "How the course works", "Certificate", "Who runs the service"):
        translated = in_language(app, language, text)
        assert translated in main
        if language != "en":
            assert translated != text, f"{text!r} is not translated into {language}"
    assert 'href="/login"' in main
    assert ORGANISATION["ORG_NAME"] in main
    # The switcher, every language a button, the page's own marked as current.
    for code in LANGUAGES:
        assert f'name="locale" value="{code}"' in page
    current = re.findall(r'value="(\w+)"[^>]*aria-current="true"', page)
    assert current == [language]


def test_the_front_page_names_who_runs_the_service_in_header_and_footer(client):
    page = client.get("/").get_data(as_text=True)
    header = page[page.index("<header") : page.index("</header>")]
    assert ORGANISATION["ORG_NAME"] in header
    footer = footer_of(page)
    assert ORGANISATION["ORG_NAME"] in footer
    assert ORGANISATION["ORG_ADDRESS"] in footer
    assert f'href="mailto:{ORGANISATION["ORG_CONTACT_EMAIL"]}"' in footer
    assert f'href="{ORGANISATION["ORG_URL"]}"' in footer
    assert 'href="/privacy"' in footer and 'href="/accessibility"' in footer


@pytest.mark.parametrize(
    ("role", "start"),
    [("learner", "/learn"), ("trainer", "/learn"), ("manager", "/reports"), ("admin", "/admin")],
)
def test_signed_in_the_front_page_leads_to_each_roles_start(client, auth, users, role, start):
    auth.login(role)
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == start


def test_the_language_chosen_before_signing_in_stays_after_it(app, client, users):
    users["learner"].locale = "fi"  # the account's own setting differs
    db.session.commit()
    client.post("/language", data={"locale": "sv", "next": "/"})
    assert lang_of(client.get("/").get_data(as_text=True)) == "sv"
    response = AuthActions(client).login()
    assert response.status_code == 302
    page = client.get(response.headers["Location"], follow_redirects=True)
    assert lang_of(page.get_data(as_text=True)) == "sv"
    assert lang_of(client.get("/account").get_data(as_text=True)) == "sv"
    db.session.expire_all()
    assert users["learner"].locale == "sv", "the choice becomes the account's language"
    # ... so it holds on the next sign-in too, from a browser that never chose.
    other = app.test_client()
    AuthActions(other).login()
    assert lang_of(other.get("/learn").get_data(as_text=True)) == "sv"


def test_without_a_choice_the_accounts_own_language_applies_after_signing_in(client, users):
    users["learner"].locale = "fi"
    db.session.commit()
    assert lang_of(client.get("/").get_data(as_text=True)) == "en"  # the browser's
    AuthActions(client).login()
    assert lang_of(client.get("/learn").get_data(as_text=True)) == "fi"
    db.session.expire_all()
    assert users["learner"].locale == "fi", "the browser's language is no choice"


@pytest.mark.parametrize("app_settings", [{}])
def test_without_an_organisation_the_pages_still_read_well(client):
    page = client.get("/").get_data(as_text=True)
    assert "None" not in page
    assert "Who runs the service" in page
    assert 'class="footer-organisation"' not in page
    assert 'href="/privacy"' in footer_of(page)
