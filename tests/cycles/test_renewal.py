"""Time-travelled renewals: the window opens a new cycle, reminders go once each, an
early renewal leaves the old certificate valid to its date, an expiry shows everywhere."""

from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _

from tests.cycles.conftest import START
from tests.helpers.mailbox import Mailbox
from tests.helpers.progress import finish
from trainer.core.time import travel_to, utcnow
from trainer.extensions import db
from trainer.modules.certificates.models import Status
from trainer.modules.courses import catalogue
from trainer.modules.learning.models import CourseCompletion
from trainer.modules.learning.progress import course_progress


def subjects(mailbox: Mailbox, address: str) -> list[str]:
    return [m["Subject"] for m in mailbox.to(address)]


def test_the_clock_travels_and_comes_back():
    with travel_to(START):
        assert abs(utcnow() - START) < timedelta(seconds=5)
        with travel_to(START + timedelta(days=400)):
            assert utcnow() - START > timedelta(days=399)
        assert utcnow() - START < timedelta(days=1)
    assert utcnow().year >= 2026 and abs(utcnow() - START) > timedelta(days=1)


def test_renewing_before_expiry_keeps_the_old_certificate_valid_to_its_date(
    app, users, mailbox, run_cycles
):
    learner = users["learner"]
    learner.locale = "fi"
    with travel_to(START):
        first = finish(learner)
        db.session.commit()
    expires = first.expires_at
    with travel_to(expires - timedelta(days=91)):
        assert "Opened 0 renewal cycles" in run_cycles()
        assert learner.cycle == 1 and mailbox.to(learner.email) == []

    with travel_to(expires - timedelta(days=89)):
        assert "Opened 1 renewal cycles" in run_cycles()
        db.session.refresh(learner)
        assert learner.cycle == 2
        progress = course_progress(learner.id, catalogue().course("en"))
        # Lessons read on an unchanged module are carried over; every quiz is asked again.
        assert not progress.is_completed and not progress.is_done
        assert all(not m.quiz_passed and m.lessons_done for m in progress.modules)
        assert "Opened 0 renewal cycles" in run_cycles()
    with force_locale("fi"):
        opened = _("Time to renew your trafficking awareness certificate")
        expiring = _("Your trafficking awareness certificate expires in 30 days")
    assert subjects(mailbox, learner.email) == [opened]
    assert "https://trainer.example.org/learn" in Mailbox.body(mailbox.messages[0])

    with travel_to(expires - timedelta(days=29)):
        run_cycles()
        run_cycles()
    assert subjects(mailbox, learner.email) == [opened, expiring]

    with travel_to(expires - timedelta(days=20)):
        second = finish(learner)
        db.session.commit()
        assert first.status() is Status.VALID and second.status() is Status.VALID
        assert second.expires_at > expires + timedelta(days=700)
    with travel_to(expires + timedelta(days=1)):
        run_cycles()
        assert first.status() is Status.EXPIRED and second.status() is Status.VALID
    assert subjects(mailbox, learner.email) == [opened, expiring]  # nothing on the old date
    completions = db.session.scalars(
        db.select(CourseCompletion.cycle).where(CourseCompletion.user_id == learner.id)
    ).all()
    assert sorted(completions) == [1, 2]


def test_letting_it_expire_tells_the_learner_once_and_the_manager_weekly(
    app, users, mailbox, run_cycles
):
    learner, manager = users["learner"], users["manager"]
    with travel_to(START):
        first = finish(learner)
        db.session.commit()
    expires = first.expires_at
    with travel_to(expires - timedelta(days=85)):
        run_cycles()
        run_cycles()
    (digest,) = mailbox.to(manager.email)
    assert digest["Subject"] == "Weekly summary of certificates in your centres"
    body = Mailbox.body(digest)
    assert "Certificates in the renewal window (1)" in body and learner.name in body
    with travel_to(expires - timedelta(days=85 - 7)):
        run_cycles()
        run_cycles()
    assert len(mailbox.to(manager.email)) == 2

    with travel_to(expires + timedelta(hours=1)):
        run_cycles()
        run_cycles()
        assert first.status() is Status.EXPIRED
    assert subjects(mailbox, learner.email) == [
        "Time to renew your trafficking awareness certificate",
        "Your trafficking awareness certificate has expired",
    ]
    latest = Mailbox.body(mailbox.to(manager.email)[-1])
    assert "Certificates expired (1)" in latest
