"""Issuing on completion: once, with a snapshot that later changes leave alone."""

from datetime import UTC, datetime

from sqlalchemy import func, select

from tests.helpers.certificates import draw_pdfs, issue_for, pdf_text, stored_pdf
from tests.helpers.quizzes import form_for, start_attempt
from tests.learning.test_journey import read_every_lesson
from trainer.core import jobs
from trainer.core.time import travel_to
from trainer.extensions import db
from trainer.modules.certificates import operations
from trainer.modules.certificates.models import Certificate, CertificateDocument, Status
from trainer.modules.certificates.operations import add_months, issue_certificate
from trainer.modules.courses import catalogue


def complete_course(client, language: str) -> None:
    for module in catalogue().course(language).modules:
        read_every_lesson(client, module)
        attempt = start_attempt(client, module.id)
        client.post(f"/attempts/{attempt.id}", data=form_for(attempt))


def test_completing_the_course_issues_a_certificate_shown_on_the_course_page(client, auth, users):
    learner = users["learner"]
    auth.login("learner")
    complete_course(client, "en")
    certificate = db.session.scalars(select(Certificate)).one()
    assert certificate.user_id == learner.id
    assert certificate.language == "en"
    assert certificate.centre_id == learner.centre_id
    assert certificate.status() is Status.VALID
    assert certificate.expires_at == add_months(certificate.issued_at, 24)
    course_page = client.get("/learn").get_data(as_text=True)
    assert 'href="/certificates"' in course_page
    assert draw_pdfs() == 1
    assert stored_pdf(certificate).startswith(b"%PDF-")
    mine = client.get("/certificates").get_data(as_text=True)
    assert catalogue().course("en").title in mine
    assert f"/certificates/{certificate.id}/en.pdf" in mine
    assert f"/certificates/{certificate.id}/fi.pdf" in mine


PREPARING = "Your certificate PDF is being prepared."


def test_the_pdf_is_drawn_by_the_worker_and_the_pages_say_so_meanwhile(client, auth, users):
    """Completing the course does not wait for WeasyPrint: the worker draws the PDF, and
    until it has, the learner's pages say it is being prepared and ask whether it is ready."""
    auth.login("learner")
    complete_course(client, "en")
    certificate = db.session.scalars(select(Certificate)).one()
    assert db.session.scalar(select(func.count()).select_from(CertificateDocument)) == 0
    for page in ("/learn/completed", "/certificates"):
        html = client.get(page).get_data(as_text=True)
        assert PREPARING in html and f'id="pdf-links-{certificate.id}" hidden' in html
    assert client.get(f"/certificates/{certificate.id}/ready").json == {"ready": False}
    assert draw_pdfs() == 1
    assert client.get(f"/certificates/{certificate.id}/ready").json == {"ready": True}
    html = client.get("/learn/completed").get_data(as_text=True)
    assert PREPARING not in html and f'id="pdf-links-{certificate.id}">' in html
    assert client.get(f"/certificates/{certificate.id}/en.pdf").data == stored_pdf(certificate)


def test_with_no_worker_running_the_download_draws_the_pdf_after_a_moment(client, auth, users):
    certificate = issue_for(users["learner"], drawn=False)
    auth.login("learner")
    assert PREPARING in client.get("/certificates").get_data(as_text=True)
    with travel_to(certificate.issued_at + operations.PREPARING):
        assert PREPARING not in client.get("/certificates").get_data(as_text=True)
        response = client.get(f"/certificates/{certificate.id}/en.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert draw_pdfs() == 1, "the job finds it drawn and is done"
    assert db.session.scalar(select(func.count()).select_from(CertificateDocument)) == 1


def test_a_certificate_revoked_before_the_worker_came_is_not_drawn(users):
    certificate = issue_for(users["learner"], drawn=False)
    operations.revoke_certificate(certificate, None, "issued by mistake")
    db.session.commit()
    assert jobs.run_due(operations.RENDER_KIND).cancelled == 1
    assert db.session.scalar(select(func.count()).select_from(CertificateDocument)) == 0


def test_only_the_holder_and_their_managers_may_ask_whether_it_is_ready(client, auth, users):
    certificate = issue_for(users["learner"], drawn=False)
    for role, answer in (("trainer", 404), ("manager", 200)):
        auth.login(role)
        assert client.get(f"/certificates/{certificate.id}/ready").status_code == answer
        auth.logout()


def test_the_snapshot_holds_name_course_hours_modules_and_content_versions(users):
    certificate = issue_for(users["learner"], "fi")
    snapshot = certificate.snapshot
    assert snapshot["holder"] == "Test Learner"
    assert snapshot["centre"] == "Centre A"
    for language in ("fi", "sv", "en"):
        course = catalogue().course(language)
        assert snapshot["courses"][language] == {
            "title": course.title,
            "hours": course.hours,
            "statement": course.certificate_text,
            "modules": [module.title for module in course.modules],
        }
    modules = catalogue().course("en").modules
    assert snapshot["versions"] == {module.id: module.version for module in modules}


def test_a_completion_gets_one_certificate_however_often_it_is_announced(users):
    first = issue_for(users["learner"])
    assert issue_certificate(users["learner"].id) is None
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 1
    assert db.session.scalar(select(func.count()).select_from(CertificateDocument)) == 1
    assert first.code


def test_no_completion_no_certificate(users):
    assert issue_certificate(users["learner"].id) is None


def test_later_changes_of_name_and_centre_leave_the_certificate_as_issued(client, users):
    certificate = issue_for(users["learner"])
    learner = users["learner"]
    learner.name = "Renamed Person"
    learner.centre.name = "Renamed Centre"
    db.session.commit()
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert "Test Learner" in page
    assert "Renamed" not in page
    swedish = operations.document_for(certificate, "sv").pdf  # rendered after the change
    for pdf in (stored_pdf(certificate), swedish):
        text = pdf_text(pdf)
        assert "Test Learner" in text
        assert "Centre A" in text
        assert "Renamed" not in text


def test_validity_is_configurable(app, users):
    app.config["CERTIFICATE_VALIDITY_MONTHS"] = 6
    certificate = issue_for(users["learner"])
    assert certificate.expires_at == add_months(certificate.issued_at, 6)


def test_adding_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert add_months(datetime(2026, 3, 15, tzinfo=UTC), 24) == datetime(2028, 3, 15, tzinfo=UTC)
    assert add_months(datetime(2026, 8, 31, tzinfo=UTC), 6) == datetime(2027, 2, 28, tzinfo=UTC)
    assert add_months(datetime(2026, 2, 28, tzinfo=UTC), 24) == datetime(2028, 2, 28, tzinfo=UTC)
    assert add_months(datetime(2027, 11, 30, tzinfo=UTC), 3) == datetime(2028, 2, 29, tzinfo=UTC)


def test_a_later_download_serves_the_stored_bytes_without_rendering(
    client, auth, users, monkeypatch
):
    certificate = issue_for(users["learner"])
    stored = stored_pdf(certificate)

    def no_rendering(*_args, **_kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(operations, "render_certificate", no_rendering)
    auth.login("learner")
    for _ in range(2):
        response = client.get(f"/certificates/{certificate.id}/en.pdf")
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        assert response.data == stored
    assert "attachment" in response.headers["Content-Disposition"]


def test_another_language_is_rendered_once_then_stored(client, auth, users):
    certificate = issue_for(users["learner"])
    auth.login("learner")
    first = client.get(f"/certificates/{certificate.id}/sv.pdf")
    assert first.status_code == 200
    assert first.data == stored_pdf(certificate, "sv")
    assert client.get(f"/certificates/{certificate.id}/sv.pdf").data == first.data
    assert client.get(f"/certificates/{certificate.id}/de.pdf").status_code == 404


def test_a_pdf_that_fails_to_render_leaves_the_certificate_for_the_first_download(
    client, auth, users, monkeypatch
):
    original = operations.render_certificate

    def failing(*_args, **_kwargs):
        raise RuntimeError("no fonts today")

    monkeypatch.setattr(operations, "render_certificate", failing)
    certificate = issue_for(users["learner"])
    assert certificate is not None
    assert db.session.scalar(select(func.count()).select_from(CertificateDocument)) == 0
    monkeypatch.setattr(operations, "render_certificate", original)
    auth.login("learner")
    response = client.get(f"/certificates/{certificate.id}/en.pdf")
    assert response.status_code == 200
    assert response.data == stored_pdf(certificate)


def test_issuing_is_recorded_in_the_audit_log(certificate):
    from trainer.core.audit import AuditEvent

    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "certificate.issued")
    )
    assert event.subject == f"certificate:{certificate.id}"
    assert event.detail == {"user": certificate.user_id, "code": certificate.code}
