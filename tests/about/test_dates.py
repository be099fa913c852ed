"""Dates and times as they are written in Finland, in each language of the interface:
in pages, e-mails and certificates; the interface itself stays fi, sv or en."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date as babel_format_date
from flask import render_template_string
from flask_babel import force_locale, format_date, format_datetime, format_time

from tests.helpers.certificates import issue_for, pdf_text, stored_pdf
from tests.helpers.pages import lang_of
from trainer.extensions import db
from trainer.modules.accounts.invitations import Purpose, issue
from trainer.modules.accounts.mails import invitation_mail

HELSINKI = ZoneInfo("Europe/Helsinki")
# 14:07 in Helsinki (UTC+2 in March).
MOMENT = datetime(2025, 3, 5, 12, 7, tzinfo=UTC)
EXPECTED = {
    "fi": ("5. maaliskuuta 2025", "5.3.2025", "5.3.2025 14.07", "14.07"),
    "sv": ("5 mars 2025", "5.3.2025", "5.3.2025 14.07", "14.07"),
    "en": ("5 March 2025", "05/03/2025", "05/03/2025, 14.07", "14.07"),
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_dates_and_times_are_written_as_in_finland(app, language):
    long, short, moment, time = EXPECTED[language]
    with app.test_request_context(), force_locale(language):
        assert format_date(MOMENT, "long") == long
        assert format_date(MOMENT, "short") == short
        assert format_datetime(MOMENT, "short") == moment
        assert format_time(MOMENT, "short") == time
        assert format_date(date(2025, 3, 5), "long") == long
        page = render_template_string(
            '{{ d|dateformat("long") }}|{{ d|datetimeformat("short") }}|{{ current_language }}',
            d=MOMENT,
        )
    assert page == f"{long}|{moment}|{language}"


def test_a_pattern_given_explicitly_is_kept(app):
    with app.test_request_context(), force_locale("en"):
        assert format_date(MOMENT, "yyyy-MM-dd") == "2025-03-05"


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_a_page_shows_dates_in_finlands_way_and_keeps_its_language(client, auth, users, language):
    certificate = issue_for(users["learner"], language)
    users["learner"].locale = language
    db.session.commit()
    auth.login()
    page = client.get("/certificates").get_data(as_text=True)
    assert lang_of(page) == language
    assert f'value="{language}" lang="{language}"' in page  # the switcher, as before
    assert format_date_fi(certificate.issued_at, language) in page


def format_date_fi(moment: datetime, language: str) -> str:
    """The date in Helsinki as Babel's <language>_FI writes it in full."""
    return babel_format_date(moment.astimezone(HELSINKI), "long", locale=f"{language}_FI")


def test_an_english_e_mail_writes_the_date_as_in_finland(app, users):
    learner = users["learner"]
    learner.locale = "en"
    token = issue(learner, Purpose.INVITATION)
    db.session.commit()
    with app.test_request_context():
        body = invitation_mail(token).body
    assert format_date_fi(token.expires_at, "en") in body  # "5 March 2025", not "March 5, 2025"


def test_an_english_certificate_writes_its_dates_as_in_finland(users):
    certificate = issue_for(users["learner"], "en")
    text = pdf_text(stored_pdf(certificate))
    assert format_date_fi(certificate.issued_at, "en") in text
