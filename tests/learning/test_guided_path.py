"""The guided path's ends: a quiz result names the lessons still unread, and the change
that completes the course lands the learner on the completion page, with the
certificate, its public check address and what to do next, in their language."""

from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from flask_babel import force_locale
from flask_babel import gettext as _

from tests.helpers.quizzes import form_for, start_attempt
from tests.learning.test_journey import read_every_lesson
from trainer.extensions import db
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.queries import completion_certificate
from trainer.modules.courses import catalogue

COMPLETED = "/learn/completed"


def pass_quiz(client, module_id: str):
    """Answer the module's quiz all right; the response to sending it."""
    attempt = start_attempt(client, module_id)
    return client.post(f"/attempts/{attempt.id}", data=form_for(attempt))


def unread_part(page: str) -> str:
    return page[page.index('class="unread-lessons"') :].split("</p>")[0]


def in_language(app, language: str, text: str, **variables) -> str:
    with app.test_request_context(), force_locale(language):
        return _(text, **variables)


def test_a_quiz_result_names_the_lessons_still_unread(client, auth, users):
    auth.login("learner")
    module = catalogue().module("en", "recognising")
    first, *rest = module.lessons
    client.post(f"/learn/{module.id}/{first.id}/done", data={"then": "stay"})
    result = client.get(pass_quiz(client, module.id).headers["Location"])
    page = result.get_data(as_text=True)
    assert "You passed" in page
    unread = unread_part(page)
    assert "The module is done once every lesson is read." in unread
    for lesson in rest:
        assert f'href="/learn/{module.id}/{lesson.id}"' in unread
        assert lesson.title in unread
    assert first.title not in unread

    read_every_lesson(client, module)
    again = client.get(result.request.path).get_data(as_text=True)
    assert 'class="unread-lessons"' not in again


def test_a_failed_result_names_the_unread_lessons_to_read_first(client, auth, users):
    auth.login("learner")
    module = catalogue().module("en", "helping")
    attempt = start_attempt(client, module.id)
    client.post(f"/attempts/{attempt.id}", data=form_for(attempt, right=False))
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    unread = unread_part(page)
    assert "The module is done once" not in unread
    assert all(lesson.title in unread for lesson in module.lessons)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_quiz_that_completes_the_course_lands_on_the_completion_page(
    app, client, auth, users, language
):
    learner = users["learner"]
    learner.locale = language
    db.session.commit()
    auth.login("learner")
    first, last = catalogue().course(language).modules
    read_every_lesson(client, first)
    read_every_lesson(client, last)
    assert pass_quiz(client, first.id).headers["Location"].endswith("#result")
    assert pass_quiz(client, last.id).headers["Location"] == COMPLETED

    response = client.get(COMPLETED)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    certificate = completion_certificate(learner.id)
    for text in ("Congratulations, you have completed the course", "What to do next"):
        assert in_language(app, language, text) in page
    title = catalogue().course(language).title
    assert title in page
    assert f'href="/certificates/{certificate.id}/{language}.pdf"' in page
    check = f"{app.config['BASE_URL']}/verify/{display_code(certificate.code)}"
    assert f'href="{check}"' in page
    expires = certificate.expires_at.astimezone(ZoneInfo("Europe/Helsinki"))
    valid_until = format_date(expires, "long", f"{language}_FI")
    renew = (
        "The certificate is valid until %(date)s. "
        "Ask your manager in good time before then how to renew it."
    )
    assert in_language(app, language, renew, date=valid_until) in page
    assert in_language(app, language, "If you have questions, ask your manager.") in page

    overview = client.get("/learn").get_data(as_text=True)
    assert f'href="{COMPLETED}"' in overview
    verified = client.get(check.removeprefix(app.config["BASE_URL"])).get_data(as_text=True)
    assert in_language(app, language, "This certificate is genuine and valid.") in verified


@pytest.mark.parametrize("app_settings", [{"ORG_CONTACT_EMAIL": "koulutus@example.fi"}])
def test_reading_the_last_lesson_left_lands_on_the_completion_page(client, auth, users):
    auth.login("learner")
    first, last = catalogue().course("en").modules
    read_every_lesson(client, first)
    pass_quiz(client, first.id)
    pass_quiz(client, last.id)  # every quiz passed, but the lessons of the last unread
    *before, final = last.lessons
    for lesson in before:
        client.post(f"/learn/{last.id}/{lesson.id}/done", data={"then": "next"})
    response = client.post(f"/learn/{last.id}/{final.id}/done", data={"then": "next"})
    assert response.headers["Location"] == COMPLETED
    page = client.get(COMPLETED).get_data(as_text=True)
    assert 'href="mailto:koulutus@example.fi"' in page


def test_before_the_course_is_done_the_completion_page_leads_to_the_course(client, auth, users):
    assert client.get(COMPLETED).headers["Location"].startswith("/login")
    auth.login("learner")
    response = client.get(COMPLETED)
    assert response.status_code == 302
    assert response.headers["Location"] == "/learn"
