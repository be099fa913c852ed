"""The person summaries the dashboard reads (one row a person): kept as progress is
written, equal to the sums of the module summaries, passed over after a content change
until `trainer cycles run` makes them again, and whole when one learner writes from two
tabs at once."""

import threading
from collections.abc import Callable
from dataclasses import replace

import pytest
from sqlalchemy import delete, select, text

from tests.helpers.database import POSTGRES_URL
from tests.helpers.progress import read
from trainer.extensions import db
from trainer.modules.courses import Course, current_course
from trainer.modules.learning.models import PersonSummary
from trainer.modules.learning.operations import mark_lesson_done
from trainer.modules.learning.summary import (
    course_key,
    lessons_gone,
    summarise_stale,
    summed_modules,
)
from trainer.modules.reports.progress import Scope, local_today, people_progress

SUMS = ("lessons", "complete_mask", "score_total", "passed_mask", "tried")


def kept(user_id: int) -> PersonSummary:
    db.session.expire_all()
    summary = db.session.get(PersonSummary, user_id)
    assert summary is not None, "progress was written: the summary was made"
    return summary


def summed(user_id: int, course: Course) -> tuple:
    """The person's sums as the dashboard would sum their module summaries itself."""
    record = db.session.execute(summed_modules([user_id], course, lessons_gone(course))).one()
    return tuple(getattr(record, name) for name in SUMS)


def dashboard(course: Course) -> dict:
    return {row.name: row for row in people_progress(Scope(None), course, local_today())}


def without_one_lesson(course: Course) -> Course:
    """The course after a content change: the first module's second lesson removed."""
    first, *others = course.modules
    return replace(course, modules=(replace(first, lessons=first.lessons[:1]), *others))


def test_each_kept_summary_is_the_sum_of_the_persons_module_summaries(app, staff):
    course = current_course()
    for name in ("hugo", "fay", "dora", "bea"):
        summary = kept(staff[name].id)
        assert summary.course_key == course_key(course)
        assert tuple(getattr(summary, name) for name in SUMS) == summed(staff[name].id, course)
    # Hugo: two lessons of recognising (all of them) and its quiz passed with 85; one of helping.
    hugo = kept(staff["hugo"].id)
    assert (hugo.lessons, hugo.complete_mask, hugo.passed_mask) == (3, 0b01, 0b01)
    assert (hugo.score_total, hugo.tried) == (85.0, 1)
    assert hugo.last_activity_at is not None


def test_the_dashboard_is_the_same_with_summaries_kept_or_summed_on_the_spot(app, staff):
    course = current_course()
    with_kept = dashboard(course)
    db.session.execute(delete(PersonSummary))  # as after the upgrade that made the table
    assert dashboard(course) == with_kept


def test_after_a_content_change_the_dashboard_sums_until_the_summaries_are_made_again(app, staff):
    changed = without_one_lesson(current_course())  # Hugo had read the lesson removed
    summed_on_the_spot = dashboard(changed)
    hugo = summed_on_the_spot["Hugo Half"]
    # Of 5 steps now: the one lesson left in recognising, its quiz, and one of helping.
    assert (hugo.percent, hugo.modules_done) == (60, 1)
    while summarise_stale(changed, limit=3):  # in batches, as `trainer cycles run` does
        db.session.commit()
    assert kept(staff["hugo"].id).course_key == course_key(changed)
    assert kept(staff["hugo"].id).lessons == 2
    assert dashboard(changed) == summed_on_the_spot


def test_cycles_run_makes_the_summaries_an_upgrade_left_missing(app, staff, runner):
    db.session.execute(delete(PersonSummary))
    db.session.commit()
    result = runner.invoke(args=["cycles", "run"])
    assert result.exit_code == 0, result.output
    # Six people have progress: Dora, Hugo, Fay, Eve, Bob and Bea. Eve's renewal opens
    # in the same run, which starts her new cycle's summary; the other five are made.
    assert "Opened 1 renewal cycles" in result.output
    assert "5 progress summaries made" in result.output
    made = db.session.scalars(select(PersonSummary.course_key)).all()
    assert made == [course_key(current_course())] * 6
    again = runner.invoke(args=["cycles", "run"])
    assert "0 progress summaries made" in again.output


@pytest.mark.parametrize("read_before", [False, True], ids=["first-progress", "later"])
def test_two_tabs_of_one_learner_leave_a_summary_with_both_lessons(app, users, read_before):
    """The first tab has written its lesson and not yet committed when the second writes
    another: the second waits for the first (PostgreSQL: the summary row's lock, or its
    making; SQLite: the write lock) and sums both; summed without waiting it would miss
    the first tab's lesson."""
    learner = users["learner"]
    if read_before:
        read(learner, "recognising", "indicators")
        db.session.commit()
    first_written, second_started = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def tab(lesson: str, module: str, before_commit: Callable[[], None]) -> None:
        try:
            with app.app_context():
                mark_lesson_done(learner.id, module, lesson)
                before_commit()
                db.session.commit()
        except BaseException as error:  # reported by the test, not lost in the thread
            failures.append(error)
            first_written.set()

    def hold_until_the_second_waits() -> None:
        first_written.set()
        second_started.wait(10)
        wait_for_a_waiting_writer()

    tabs = [
        threading.Thread(
            target=tab, args=("definition", "recognising", hold_until_the_second_waits)
        ),
        threading.Thread(target=tab, args=("first-contact", "helping", lambda: None)),
    ]
    tabs[0].start()
    first_written.wait(10)
    second_started.set()
    tabs[1].start()
    for thread in tabs:
        thread.join(30)
    assert failures == []
    summary = kept(learner.id)
    assert summary.lessons == 2 + read_before
    assert tuple(getattr(summary, name) for name in SUMS) == summed(learner.id, current_course())


def wait_for_a_waiting_writer() -> None:
    """Until another connection waits for a lock (PostgreSQL), or a moment (SQLite, whose
    waiting writer cannot be seen from outside)."""
    if not POSTGRES_URL:
        threading.Event().wait(0.3)
        return
    with db.engine.connect() as connection:
        for _ in range(100):
            waiting = connection.execute(
                text("SELECT count(*) FROM pg_locks WHERE NOT granted")
            ).scalar()
            if waiting:
                return
            threading.Event().wait(0.05)
