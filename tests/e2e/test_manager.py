"""The manager's journey: import staff from a CSV, see who completed, export; and the
accessibility of the manager's and the certificate pages in each language."""

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from tests.helpers.accessibility import check
from tests.helpers.browser import create_learner, sign_in
from tests.helpers.certificates import issue_for
from trainer.core.i18n import LANGUAGES
from trainer.extensions import db
from trainer.modules.accounts.models import User

STAFF_CSV = "nimi;sähköposti;kieli\nKaisa Koskinen;kaisa.e2e@example.org;fi\nSven Berg;sven.e2e@example.org;sv\n"


def complete_course(app, email: str) -> str:
    """Record a completion and its certificate for the person; return the code."""
    user_id = create_learner(app, email)
    with app.app_context():
        return issue_for(db.session.get(User, user_id)).code


def import_staff(page, tmp_path) -> None:
    staff = tmp_path / "henkilosto.csv"
    staff.write_bytes(b"\xef\xbb\xbf" + STAFF_CSV.encode())  # as Finnish Excel saves it
    page.goto("/people/import")
    page.set_input_files("input[type=file]", str(staff))
    with page.expect_navigation():  # the preview, loaded before anyone measures it
        page.click("main form button[type=submit]")


def test_manager_imports_staff_sees_completion_and_exports(live_app, new_page, tmp_path):
    complete_course(live_app, "done.e2e@example.org")
    page = new_page()
    sign_in(page, "manager@example.org", "demopassword")
    assert page.url.endswith("/reports")
    import_staff(page, tmp_path)
    preview = page.inner_text("main")
    assert "kaisa.e2e@example.org" in preview and "sven.e2e@example.org" in preview
    page.click("main form[action$='/people/import/confirm'] button")
    with live_app.app_context():
        imported = db.session.scalars(
            select(User.locale).where(
                User.email.in_(["kaisa.e2e@example.org", "sven.e2e@example.org"])
            )
        ).all()
    assert sorted(imported) == ["fi", "sv"]
    page.goto("/reports?q=done.e2e")
    row = page.inner_text("main table tbody")
    assert "done.e2e@example.org" in row
    with live_app.test_request_context(), force_locale("fi"):
        assert gettext("Completed") in row  # the demo manager reads Finnish
    with page.expect_download() as download:
        page.click("main a[href*='completion.csv']")
    exported = download.value.path().read_bytes().decode("utf-8-sig")
    assert "done.e2e@example.org" in exported


@pytest.mark.parametrize("language", LANGUAGES)
def test_manager_and_certificate_pages_have_no_serious_violations(
    live_app, signed_in, tmp_path, language
):
    code = complete_course(live_app, f"cert-{language}.e2e@example.org")
    page = signed_in(f"cert-{language}.e2e@example.org", language=language)
    page.goto("/certificates")
    problems = check(page, "certificate-list", language)
    page.goto(f"/verify/{code}")
    problems += check(page, "verification", language)
    page.goto("/verify")
    problems += check(page, "verification-form", language)
    manager = signed_in("manager@example.org", "demopassword", language=language)
    manager.goto("/reports")
    problems += check(manager, "dashboard", language)
    manager.goto("/people/import")
    problems += check(manager, "import", language)
    import_staff(manager, tmp_path)
    problems += check(manager, "import-preview", language)
    manager.goto("/reports/due-dates")
    problems += check(manager, "due-dates", language)
    manager.goto("/certificates/centres")
    problems += check(manager, "centre-certificates", language)
    assert problems == [], "\n".join(problems)
