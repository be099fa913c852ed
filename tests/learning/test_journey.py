"""A learner's whole journey through the test course, in each language."""

import pytest
from sqlalchemy import select

from tests.helpers.app import TEST_COURSE
from tests.helpers.quizzes import form_for, start_attempt
from trainer.extensions import db
from trainer.modules.courses import MarkdownRenderer, catalogue, load_content
from trainer.modules.learning.models import CourseCompletion, LessonProgress
from trainer.modules.learning.signals import course_completed


@pytest.fixture
def completions():
    """Every course_completed signal sent during the test."""
    sent = []

    def receiver(user_id, **extra):
        sent.append((user_id, extra["course"].language))

    course_completed.connect(receiver)
    yield sent
    course_completed.disconnect(receiver)


def read_every_lesson(client, module) -> None:
    for lesson in module.lessons:
        page = client.get(f"/learn/{module.id}/{lesson.id}")
        assert page.status_code == 200
        assert lesson.title in page.get_data(as_text=True)
        client.post(f"/learn/{module.id}/{lesson.id}/done", data={"then": "next"})


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_whole_course_in_each_language(client, auth, users, completions, language):
    learner = users["learner"]
    learner.locale = language
    db.session.commit()
    auth.login("learner")
    course = catalogue().course(language)
    outline = client.get("/learn").get_data(as_text=True)
    assert course.title in outline
    for module in course.modules:
        assert module.title in outline
        read_every_lesson(client, module)
        attempt = start_attempt(client, module.id)
        assert attempt.language == language
        assert client.get(f"/attempts/{attempt.id}").status_code == 200
        client.post(f"/attempts/{attempt.id}", data=form_for(attempt))
        db.session.refresh(attempt)
        assert attempt.is_passed
    completion = db.session.scalar(
        select(CourseCompletion).where(CourseCompletion.user_id == learner.id)
    )
    assert completion is not None
    assert completions == [(learner.id, language)]
    page = client.get("/learn").get_data(as_text=True)
    assert "100%" in page


def test_course_page_groups_modules_by_day_and_offers_to_continue(client, auth, users):
    auth.login("learner")
    course = catalogue().course("en")
    page = client.get("/learn").get_data(as_text=True)
    assert "Day 1" in page
    assert "Day 2" in page
    first = course.modules[0]
    assert f"/learn/{first.id}/{first.lessons[0].id}" in page
    assert "Start the course" in page
    client.post(f"/learn/{first.id}/{first.lessons[0].id}/done", data={"then": "next"})
    page = client.get("/learn").get_data(as_text=True)
    assert "Continue where you left off" in page
    assert f"/learn/{first.id}/{first.lessons[1].id}" in page
    assert "In progress" in page

    assert page.index("Continue where you left off") < page.index("About the course")


def test_module_page_continues_with_the_first_unread_lesson_and_names_the_rest(client, auth, users):
    auth.login("learner")
    module = catalogue().module("en", "recognising")
    first, second = module.lessons[0], module.lessons[1]
    page = client.get(f"/learn/{module.id}").get_data(as_text=True)
    assert "Start the module" in page and "Still to read" not in page
    client.post(f"/learn/{module.id}/{second.id}/done", data={"then": "stay"})
    page = client.get(f"/learn/{module.id}").get_data(as_text=True)
    continue_link = page.index("Continue where you left off")
    assert page.rindex(f'href="/learn/{module.id}/{first.id}"', 0, continue_link) > 0
    unread = page[page.index("Still to read:") :].split("</p>")[0]
    assert first.title in unread and second.title not in unread


def test_lesson_page_shows_its_place_and_neighbours(client, auth, users):
    auth.login("learner")
    module = catalogue().module("en", "recognising")
    first, second = module.lessons[0], module.lessons[1]
    page = client.get(f"/learn/{module.id}/{second.id}").get_data(as_text=True)
    assert f"Lesson 2 of {len(module.lessons)}" in page
    assert f"/learn/{module.id}/{first.id}" in page
    response = client.post(f"/learn/{module.id}/{second.id}/done", data={"then": "next"})
    assert response.headers["Location"].endswith(f"/learn/{module.id}/quiz")


def test_viewing_a_lesson_records_nothing_and_marking_it_twice_records_once(client, auth, users):
    auth.login("learner")
    module = catalogue().module("en", "recognising")
    lesson = module.lessons[0]
    client.get(f"/learn/{module.id}/{lesson.id}")
    assert db.session.scalars(select(LessonProgress)).all() == []
    for _ in range(2):
        response = client.post(f"/learn/{module.id}/{lesson.id}/done", data={"then": "stay"})
        assert response.headers["Location"].endswith(f"/learn/{module.id}/{lesson.id}")
    assert len(db.session.scalars(select(LessonProgress)).all()) == 1


def test_module_is_not_done_until_quiz_passed_and_lessons_read(client, auth, users, completions):
    auth.login("learner")
    module = catalogue().module("en", "recognising")
    attempt = start_attempt(client, module.id)
    client.post(f"/attempts/{attempt.id}", data=form_for(attempt))
    page = client.get(f"/learn/{module.id}").get_data(as_text=True)
    assert "In progress" in page
    read_every_lesson(client, module)
    assert "Completed" in client.get(f"/learn/{module.id}").get_data(as_text=True)
    assert completions == []


def test_switching_language_keeps_progress(client, auth, users):
    auth.login("learner")
    module = catalogue().module("en", "recognising")
    read_every_lesson(client, module)
    english = client.get(f"/learn/{module.id}").get_data(as_text=True)
    client.post("/language", data={"locale": "fi"})
    finnish_module = catalogue().module("fi", "recognising")
    finnish = client.get(f"/learn/{module.id}").get_data(as_text=True)
    assert finnish_module.title in finnish
    percent = f"{round(100 * len(module.lessons) / (len(module.lessons) + 1))}%"
    assert percent in english
    assert percent in finnish


def test_unknown_module_or_lesson_is_not_found(client, auth, users):
    auth.login("learner")
    assert client.get("/learn/nothing").status_code == 404
    assert client.get("/learn/recognising/nothing").status_code == 404
    assert client.post("/learn/recognising/nothing/done").status_code == 404


def test_page_views_never_render_markdown(client, auth, users, monkeypatch):
    calls = []
    for name in ("render", "render_inline"):
        original = getattr(MarkdownRenderer, name)

        def counting(self, *args, _original=original, **kwargs):
            calls.append(1)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(MarkdownRenderer, name, counting)
    auth.login("learner")
    module = catalogue().module("en", "recognising")
    attempt = start_attempt(client, module.id)
    pages = ["/learn", f"/learn/{module.id}", f"/learn/{module.id}/{module.lessons[0].id}"]
    pages += [f"/learn/{module.id}/quiz", f"/attempts/{attempt.id}"]
    for path in pages:
        assert client.get(path).status_code == 200
    client.post(f"/attempts/{attempt.id}", data=form_for(attempt))
    assert client.get(f"/attempts/{attempt.id}").status_code == 200
    assert calls == []
    load_content(TEST_COURSE)  # the counter does count: loading renders
    assert calls
