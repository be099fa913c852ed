"""The accessibility statement's feedback form: plain HTML that works without
JavaScript, CSRF-protected, refusing empty or hostile input with a message; a message
reaches every admin by e-mail (a real SMTP server) and is listed in the admin pages."""

import re

import pytest
from sqlalchemy import func, select

from tests.helpers.mailbox import Mailbox, deliver
from tests.helpers.pages import ORGANISATION, footer_of, main_of
from trainer.core.audit import AuditEvent
from trainer.core.jobs import Job
from trainer.extensions import db
from trainer.modules.about.feedback import FEEDBACK
from trainer.modules.accounts.operations import create_user

MESSAGE = "The quiz page cannot be read with a screen reader:\nthe options have no labels."


@pytest.fixture
def mailbox():
    with Mailbox() as box:
        yield box


@pytest.fixture
def app_settings(tmp_path, mailbox):
    return {
        **ORGANISATION,
        **mailbox.settings,
        "PAGES_DIR": str(tmp_path / "pages"),
        "BASE_URL": "https://trainer.example.org",
    }


def count(model, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def feedback_count() -> int:
    return count(AuditEvent, AuditEvent.action == FEEDBACK)


def send(client, **fields):
    data = {"message": MESSAGE, "page": "/learn/recognising/quiz", "email": "", **fields}
    return client.post("/accessibility", data=data)


def test_the_form_is_plain_html_that_needs_no_javascript(client):
    page = client.get("/accessibility").get_data(as_text=True)
    form = re.search(r'<form method="post" action="/accessibility#feedback".*?</form>', page, re.S)
    assert form, "a form that posts to the statement itself"
    html = form[0]
    assert re.search(r'<textarea [^>]*name="message"[^>]* required', html)
    email = re.search(r'<input [^>]*name="email"[^>]*>', html)[0]
    assert 'type="email"' in email
    assert "required" not in email, "an optional field is not announced as required"
    token = re.search(r'<input [^>]*name="csrf_token"[^>]*>', html)
    assert token and 'type="hidden"' in token[0]
    assert '<button type="submit"' in html
    assert "<script" not in page


def test_a_message_reaches_every_admin_and_the_contact_address_by_smtp(app, client, users, mailbox):
    create_user(email="admin2@example.org", name="Second Admin", role="admin", locale="fi")
    gone = create_user(email="gone@example.org", name="Former Admin", role="admin")
    gone.is_active_account = False
    db.session.commit()

    response = send(client, email="reader@example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/accessibility"
    assert "Thank you" in client.get("/accessibility").get_data(as_text=True)
    assert mailbox.messages == [], "nothing is sent inside the request"

    assert deliver().done == 3
    recipients = sorted(message["To"] for message in mailbox.messages)
    assert recipients == sorted(
        ["admin@example.org", "admin2@example.org", ORGANISATION["ORG_CONTACT_EMAIL"]]
    )
    english = mailbox.to("admin@example.org")[0]
    body = Mailbox.body(english).replace("\r\n", "\n")
    assert MESSAGE in body
    assert "/learn/recognising/quiz" in body
    assert "reader@example.org" in body
    assert "https://trainer.example.org/admin/feedback" in body
    assert english["Reply-To"] == "reader@example.org"
    assert english["Subject"] == "Accessibility feedback on the trafficking awareness course"
    finnish = mailbox.to("admin2@example.org")[0]
    assert finnish["Subject"].startswith("Saavutettavuuspalaute")
    assert MESSAGE in Mailbox.body(finnish).replace("\r\n", "\n")
    # The outbox names the event, never a copy of the text.
    for job in db.session.scalars(select(Job)):
        assert MESSAGE not in str(job.payload)


def test_the_message_is_listed_for_the_admins(client, auth, users):
    send(client, message="Kontrasten i menyn är för svag <script>alert(1)</script>")
    auth.login("learner")
    assert client.get("/admin/feedback").status_code == 403
    auth.logout()
    auth.login("admin")
    page = client.get("/admin/feedback")
    main = main_of(page.get_data(as_text=True))
    assert page.status_code == 200
    assert "Kontrasten i menyn är för svag" in main
    assert "<script>alert(1)</script>" not in main
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in main
    assert "Not signed in" in main
    admin = client.get("/admin").get_data(as_text=True)
    assert 'href="/admin/feedback"' in main_of(admin), "the admin page links to the messages"
    assert 'href="/admin/feedback"' in footer_of(admin)


def test_a_signed_in_persons_address_is_filled_in_and_the_message_is_theirs(client, auth, users):
    auth.login("learner")
    page = client.get("/accessibility").get_data(as_text=True)
    assert 'value="learner@example.org"' in page
    send(client, email="learner@example.org")
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == FEEDBACK)).one()
    assert event.actor_id == users["learner"].id
    assert event.detail["email"] == "learner@example.org"


def test_the_form_without_its_csrf_token_is_refused(client, users):
    response = client.post("/accessibility", data={"message": MESSAGE}, csrf=False)
    assert response.status_code == 400
    assert feedback_count() == 0 and count(Job) == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"message": ""}, "Write what did not work for you."),
        ({"message": "  \r\n\t "}, "Write what did not work for you."),
        ({"message": "x" * 5001}, "Please keep the message to 5000 characters or fewer."),
        ({"message": "Hello\x00 there"}, "control characters are not allowed"),
        ({"message": "Looks fine \u202eelbadaer"}, "control characters are not allowed"),
        ({"email": "me@example.org\r\nBcc: everyone@example.org"}, "control characters"),
        ({"email": "not an address"}, "Invalid email address."),
        ({"page": "/learn\x1b[2J"}, "control characters are not allowed"),
        ({"page": "p" * 501}, "Field cannot be longer than 500 characters."),
    ],
)
def test_empty_or_hostile_input_gets_a_message_and_sends_nothing(client, users, fields, message):
    response = send(client, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'class="error-summary"' in page
    assert message in page
    assert feedback_count() == 0 and count(Job) == 0
