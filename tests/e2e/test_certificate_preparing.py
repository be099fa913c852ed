"""The learner who has just completed the course while the worker is still drawing the PDF:
the page says it is being prepared, then offers the downloads without a reload."""

from datetime import timedelta

from sqlalchemy import update

from tests.helpers.browser import create_learner
from trainer.core.jobs import Job
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.certificates.operations import RENDER_KIND, issue_certificate
from trainer.modules.learning.models import CourseCompletion


def hold_the_worker(until) -> None:
    """Keep the PDF jobs out of the worker's reach until `until` (or let them go)."""
    db.session.execute(update(Job).where(Job.kind == RENDER_KIND).values(run_after=until))
    db.session.commit()


def completed_while_the_worker_is_busy(app, user_id: int) -> int:
    """Complete the course; the PDF job waits (the worker runs beside the server)."""
    with app.app_context():
        db.session.add(CourseCompletion(user_id=user_id))
        db.session.flush()
        certificate = issue_certificate(user_id)
        db.session.flush()
        hold_the_worker(utcnow() + timedelta(hours=1))  # commits both together
        return certificate.id


def test_the_page_says_being_prepared_then_shows_the_downloads(live_app, signed_in):
    email = "preparing.e2e@example.org"
    certificate_id = completed_while_the_worker_is_busy(live_app, create_learner(live_app, email))
    page = signed_in(email)
    page.goto("/learn/completed")
    status = page.locator("main .preparing[role=status]")
    links = page.locator(f"#pdf-links-{certificate_id}")
    assert "being prepared" in status.inner_text()
    assert links.is_hidden()

    with live_app.app_context():
        hold_the_worker(utcnow())  # the worker may draw it now
    links.locator("a[lang=en]").wait_for(state="visible")
    assert status.inner_text() == "Your certificate PDF is ready."
    with page.expect_download() as download:
        links.locator("a[lang=en]").click()
    assert download.value.suggested_filename.endswith("-en.pdf")
