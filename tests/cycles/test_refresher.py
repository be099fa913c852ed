"""A refresher path declared in course.md: a renewing learner takes only its modules;
the others carry over as done from the cycle before."""

import shutil
from datetime import timedelta

import pytest

from tests.cycles.conftest import START
from tests.helpers.app import TEST_COURSE
from tests.helpers.progress import finish, sit_quiz
from tests.helpers.quizzes import start_attempt
from trainer.core.time import travel_to
from trainer.extensions import db
from trainer.modules.certificates.models import Certificate
from trainer.modules.courses import catalogue
from trainer.modules.learning.operations import complete_course_if_done
from trainer.modules.learning.progress import course_progress

REFRESHER = "refresher:\n  modules: [helping]\n  draw: {helping: 1}\n"


@pytest.fixture
def app_settings(mailbox, tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(TEST_COURSE, folder)
    for language in ("en", "fi", "sv"):
        course = folder / language / "course.md"
        text = course.read_text().replace("---\n", REFRESHER + "---\n", 2)
        course.write_text(text.replace(REFRESHER + "---\n", "---\n", 1))
    return {**mailbox.settings, "CONTENT_DIR": str(folder)}


def test_only_the_refresher_modules_are_taken_again(app, client, auth, users, run_cycles):
    learner = users["learner"]
    course = catalogue().course("en")
    assert course.refresher == ("helping",) and course.refresher_draw == (("helping", 1),)
    with travel_to(START):
        first = finish(learner)
        db.session.commit()
    with travel_to(first.expires_at - timedelta(days=80)):
        run_cycles()
        db.session.refresh(learner)
        assert learner.cycle == 2
        progress = course_progress(learner.id, course)
        assert progress.of("recognising").quiz_passed  # carried over, not asked again
        assert not progress.of("helping").quiz_passed
        assert progress.of("helping").lessons_done  # read last cycle, same version
        assert not progress.is_completed
        # The refresher quiz: one question drawn of the module's two.
        auth.login("learner")
        page = client.get("/learn/helping/quiz").get_data(as_text=True)
        assert "The quiz has 1 questions drawn" in page
        assert len(start_attempt(client, "helping").drawn) == 1
        sit_quiz(learner, "helping", 95.0)
        assert complete_course_if_done(learner.id, course)
        db.session.commit()
    certificates = db.session.scalars(
        db.select(Certificate).where(Certificate.user_id == learner.id).order_by(Certificate.id)
    ).all()
    assert len(certificates) == 2 and certificates[0].id == first.id
    assert certificates[1].completion_id != first.completion_id
