"""Script in any free-text field comes back as text: in pages and in PDFs."""

import pytest
from markupsafe import escape
from sqlalchemy import select

from tests.helpers.certificates import issue_for, pdf_text, stored_pdf
from trainer.extensions import db
from trainer.modules.accounts.models import Centre

PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
]


def assert_escaped(page: str, text: str) -> None:
    """The text is on the page only in its escaped form."""
    if "<" in text or '"' in text:
        assert text not in page, f"raw markup on the page: {text}"
    assert str(escape(text)) in page


@pytest.mark.parametrize("payload", PAYLOADS)
def test_names_and_centre_names_are_escaped_in_pages(client, auth, users, payload):
    auth.login("admin")
    client.post("/admin/centres", data={"name": f"Centre {payload}"})
    client.post(
        "/admin/users",
        data={
            "name": f"Name {payload}",
            "email": "xss@example.org",
            "role": "learner",
            "centre": 0,
            "locale": "en",
            "password": "a fine long passphrase",
        },
    )
    admin_page = client.get("/admin").get_data(as_text=True)
    assert_escaped(admin_page, f"Name {payload}")
    assert_escaped(admin_page, f"Centre {payload}")
    users["learner"].name = f"Learner {payload}"
    db.session.commit()
    auth.logout()
    auth.login("learner")
    for path in ("/learn", "/account"):
        assert_escaped(client.get(path).get_data(as_text=True), f"Learner {payload}")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_revocation_reasons_are_escaped_in_the_audit_log(client, auth, users, payload):
    certificate = issue_for(users["learner"])
    auth.login("admin")
    client.post(f"/certificates/{certificate.id}/revoke", data={"reason": f"Why {payload}"})
    assert_escaped(client.get("/admin/audit").get_data(as_text=True), f"Why {payload}")


def test_names_are_printed_as_text_in_the_certificate(users, centres):
    name = "<b>Bold</b> & <i>brave</i>"
    users["learner"].name = name
    centres["a"].name = "<script>alert(1)</script> Centre"
    db.session.commit()
    text = pdf_text(stored_pdf(issue_for(users["learner"])))
    assert "<b>Bold</b> & <i>brave</i>" in text
    assert "<script>alert(1)</script> Centre" in text
    assert db.session.scalar(select(Centre.name).where(Centre.id == centres["a"].id))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_imported_csv_cells_are_escaped_in_the_preview_and_the_dashboard(
    client, auth, users, centres, payload
):
    from tests.accounts.test_onboarding_import import confirm, upload

    auth.login("manager")
    staff = f"name,email,language\nName {payload},imported@example.org,fi\n".encode()
    preview = upload(client, staff, centres["a"].id).get_data(as_text=True)
    assert_escaped(preview, f"Name {payload}")
    assert confirm(client, preview).status_code == 302
    dashboard = client.get("/reports", query_string={"q": "imported"}).get_data(as_text=True)
    assert_escaped(dashboard, f"Name {payload}")


def test_the_pager_links_newer_and_older_pages_keeping_the_filters(app):
    template = app.jinja_env.from_string(
        '{% from "macros.html" import pager %}{{ pager("about.feedback", number, count, args) }}'
    )
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        middle = template.render(number=2, count=3, args={"kind": "x<y"})
        first = template.render(number=1, count=1, args={})
    assert 'href="/admin/feedback?page=1&amp;kind=x%3Cy"' in middle
    assert 'href="/admin/feedback?page=3&amp;kind=x%3Cy"' in middle and "Page 2 of 3" in middle
    assert first.strip() == ""
