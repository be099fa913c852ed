"""Deadlines for a centre or a person, the overdue flag, and the weekly reminders."""

import re
from datetime import timedelta

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from tests.helpers.app import PASSWORD
from tests.helpers.mailbox import Mailbox, deliver, free_port
from tests.helpers.progress import person
from trainer.core.audit import AuditEvent
from trainer.core.jobs import Job
from trainer.extensions import db
from trainer.modules.reports.models import CentreDeadline, PersonDeadline, Reminder
from trainer.modules.reports.progress import local_today


@pytest.fixture
def app_settings(mailbox):
    return {**mailbox.settings, "BASE_URL": "https://trainer.example.org"}


def due(days: int) -> str:
    return (local_today() + timedelta(days=days)).isoformat()


def overdue_count(client) -> int:
    page = client.get("/reports").get_data(as_text=True)
    return int(re.search(r'tile-number">(\d+)</span> <span class="tile-label">overdue<', page)[1])


def test_a_centre_due_date_applies_to_everyone_not_done(client, auth, staff, centres):
    auth.login("manager")
    url = f"/reports/centres/{centres['a'].id}/due-date"
    assert client.post(url, data={"due_on": due(-1)}).status_code == 302
    assert db.session.get(CentreDeadline, centres["a"].id).due_on.isoformat() == due(-1)
    # Everyone not completed: the learner, Hugo, Fay, Liam (own date, also past), Ivy.
    assert overdue_count(client) == 5
    assert client.post(url, data={"due_on": ""}).status_code == 302
    assert db.session.get(CentreDeadline, centres["a"].id) is None
    assert overdue_count(client) == 1
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert actions.count("centre.due_date") == 2


def test_a_persons_own_date_wins_over_the_centres(client, auth, staff):
    auth.login("manager")
    liam = staff["liam"]
    url = f"/reports/people/{liam.id}/due-date"
    assert client.post(url, data={"due_on": due(5)}).status_code == 302
    assert overdue_count(client) == 0
    assert client.post(url, data={"due_on": ""}).status_code == 302
    assert db.session.get(PersonDeadline, liam.id) is None
    page = client.get(f"/reports/people/{liam.id}").get_data(as_text=True)
    assert "due date is" in page and "own date below replaces it" not in page


def test_a_bad_date_is_refused_with_a_linked_error(client, auth, staff, centres):
    auth.login("manager")
    response = client.post(f"/reports/centres/{centres['a'].id}/due-date", data={"due_on": "soon"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    field_id = f"centre-{centres['a'].id}-due-on"
    assert f'href="#{field_id}"' in page and f'id="{field_id}"' in page
    assert f'<label for="{field_id}">' in page


def test_the_person_page(client, auth, staff):
    auth.login("manager")
    page = client.get(f"/reports/people/{staff['hugo'].id}").get_data(as_text=True)
    assert "Hugo Half" in page and "Recognising the signs" in page
    assert "<td>2/2</td>" in page and "<td>85%</td>" in page
    invited = client.get(f"/reports/people/{staff['ivy'].id}").get_data(as_text=True)
    assert 'id="invitation-link"' in invited and "/password/" in invited


def remind(runner):
    """`trainer reminders send` queues; the mail worker's pass then sends."""
    result = runner.invoke(args=["reminders", "send"])
    deliver()
    return result


def test_reminders_go_to_the_overdue_and_soon_due_once_a_week(app, runner, users, centres, mailbox):
    soon = person("Sara Soon", centres["a"], locale="sv")
    later = person("Leo Later", centres["a"])
    late = person("Olli Overdue", centres["a"], locale="fi")
    for someone, days in [(soon, 6), (later, 10), (late, -2)]:
        db.session.add(PersonDeadline(user_id=someone.id, due_on=local_today() + timedelta(days)))
    db.session.commit()
    result = remind(runner)
    assert result.exit_code == 0, result.output
    assert "Queued reminders for 2 people" in result.output
    assert sorted(m["To"] for m in mailbox.messages) == [
        "olli.overdue@example.org",
        "sara.soon@example.org",
    ]
    (overdue,) = mailbox.to("olli.overdue@example.org")
    with force_locale("fi"):
        assert overdue["Subject"] == _("The trafficking awareness course is overdue")
    assert "https://trainer.example.org/learn" in Mailbox.body(overdue)
    assert "Queued reminders for 0 people" in remind(runner).output
    assert len(mailbox.messages) == 2
    for reminder in db.session.scalars(select(Reminder)):
        reminder.sent_at -= timedelta(days=8)
    db.session.commit()
    assert "Queued reminders for 2 people" in remind(runner).output


def test_no_reminders_for_the_completed_or_without_a_date(app, runner, staff, mailbox):
    db.session.add(PersonDeadline(user_id=staff["dora"].id, due_on=local_today()))
    db.session.commit()
    remind(runner)
    assert [m["To"] for m in mailbox.messages] == ["liam.late@example.org"]
    count = db.session.scalar(select(func.count()).select_from(Reminder))
    assert count == 1


def test_someone_who_never_chose_a_password_gets_a_fresh_invitation(
    app, client, runner, users, centres, mailbox
):
    pending = person("Pia Pending", centres["a"], password=False)
    db.session.add(PersonDeadline(user_id=pending.id, due_on=local_today()))
    db.session.commit()
    remind(runner)
    body = Mailbox.body(mailbox.messages[0])
    path = re.search(r"https://trainer\.example\.org(/password/\S+)", body)[1]
    assert client.get(path, follow_redirects=True).status_code == 200


def test_an_unreachable_mail_server_keeps_the_reminders_queued(app, runner, staff, mailbox):
    app.config["SMTP_PORT"] = free_port()
    result = remind(runner)
    assert result.exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Reminder)) == 1
    (job,) = db.session.scalars(select(Job).where(Job.kind.startswith("mail."))).all()
    assert (job.kind, job.status, job.attempts) == ("mail.reminder", "queued", 1)
    assert "SMTP server 127.0.0.1" in job.last_error
    app.config["SMTP_PORT"] = mailbox.port
    job.run_after = job.created_at
    db.session.commit()
    assert deliver().done == 1
    assert [m["To"] for m in mailbox.messages] == ["liam.late@example.org"]


def test_a_reminder_opens_the_sign_in_and_the_course_in_the_persons_language(
    app, client, runner, users, centres, mailbox
):
    soon = person("Sara Soon", centres["a"], locale="sv")
    db.session.add(PersonDeadline(user_id=soon.id, due_on=local_today()))
    db.session.commit()
    remind(runner)
    body = Mailbox.body(mailbox.to("sara.soon@example.org")[0])
    path = re.search(r"https://trainer\.example\.org(/learn\S*)", body)[1]
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # the browser asks for English
    sign_in = client.get(path, follow_redirects=True)
    assert sign_in.request.path == "/login"
    assert '<html lang="sv">' in sign_in.get_data(as_text=True)
    with force_locale("sv"):
        assert _("Sign in") in sign_in.get_data(as_text=True)
    wrong = client.post(sign_in.request.full_path, data={"email": soon.email, "password": "not it"})
    assert '<html lang="sv">' in wrong.get_data(as_text=True), "a failed sign-in too"
    course = client.post(
        sign_in.request.full_path,
        data={"email": soon.email, "password": PASSWORD},
        follow_redirects=True,
    )
    assert course.request.path == "/learn"
    assert '<html lang="sv">' in course.get_data(as_text=True)
