"""Every kind of page a manager, an admin or a trainer reaches fits the screen: at a
1366 px laptop and a 390 px phone the document is never wider than the viewport, so
nothing hides off to the right and a phone page never scrolls sideways.

Finnish, the longest words the course has, with real rows in every list."""

import pytest
from sqlalchemy import func, select

from tests.e2e.test_manager import complete_course, import_staff
from tests.e2e.test_trainer_pages import MODULE_ID, check_upload
from tests.helpers.browser import PHONE, sign_in
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User, user_by_email
from trainer.modules.certificates.models import Certificate

LAPTOP = {"width": 1366, "height": 900}
WIDTHS = pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366px", "390px"])


# Boxes that scroll sideways: allowed on a phone, but on a laptop they would hide columns.
HIDDEN_COLUMNS = """[...document.querySelectorAll('main .table-scroll, main [role=region]')]
    .filter(box => box.scrollWidth > box.clientWidth + 1).length"""


def overflow(page, name: str) -> list[str]:
    """The open page, named, if the document is wider than the viewport, or (on a
    laptop) a table in it hides columns in a box that scrolls."""
    width = page.viewport_size["width"]
    document = page.evaluate("document.documentElement.scrollWidth")
    wide = [f"{name}: {document} px in a {width} px viewport"] if document > width else []
    if width >= LAPTOP["width"] and (boxes := page.evaluate(HIDDEN_COLUMNS)):
        wide.append(f"{name}: {boxes} box(es) hiding columns at {width} px")
    return wide


def too_wide(page, urls: list[str]) -> list[str]:
    """The pages at these addresses that are wider than the viewport."""
    wide = []
    for url in urls:
        page.goto(url)
        wide += overflow(page, url)
    return wide


def ids(app, email: str) -> tuple[int, int, int]:
    """A learner's id, their centre's and their latest certificate's."""
    with app.app_context():
        learner = user_by_email(email)
        certificate = db.session.scalar(
            select(func.max(Certificate.id)).where(Certificate.user_id == learner.id)
        )
        return learner.id, learner.centre_id, certificate


@WIDTHS
def test_manager_pages_fit(live_app, signed_in, tmp_path, viewport):
    email = f"wide.manager.{viewport['width']}.e2e@example.org"
    complete_course(live_app, email)
    person, centre, certificate = ids(live_app, email)
    page = signed_in("manager@example.org", "demopassword", viewport, language="fi")
    urls = [
        "/reports",
        "/reports?status=not-completed",
        f"/reports/people/{person}",
        "/reports/due-dates",
        "/people/import",
        "/people/invitations",
        "/certificates/centres",
        f"/certificates/centres/{centre}",
        f"/certificates/{certificate}/revoke",
        "/account",
    ]
    wide = too_wide(page, urls)
    import_staff(page, tmp_path)
    wide += overflow(page, "import preview")
    assert wide == [], "\n".join(wide)


@WIDTHS
def test_admin_pages_fit(live_app, signed_in, viewport):
    email = f"wide.admin.{viewport['width']}.e2e@example.org"
    complete_course(live_app, email)
    person, centre, _certificate = ids(live_app, email)
    page = signed_in("admin@example.org", "demopassword", viewport, language="fi")
    urls = [
        "/admin",
        "/admin?q=example",
        f"/admin/users/{person}",
        f"/admin/centres/{centre}",
        f"/admin/users/{person}/delete",
        "/admin/audit",
        "/admin/mail",
        "/admin/feedback",
        "/reports",
    ]
    assert too_wide(page, urls) == []


@WIDTHS
def test_trainer_pages_fit(live_app, signed_in, viewport):
    page = signed_in("trainer@example.org", "demopassword", viewport, language="fi")
    urls = [
        "/authoring/",
        f"/authoring/preview/fi/{MODULE_ID}",
        f"/authoring/preview/sv/{MODULE_ID}/quiz",
        f"/authoring/compare/{MODULE_ID}",
        f"/authoring/statistics/{MODULE_ID}",
        "/authoring/check",
    ]
    wide = too_wide(page, urls)
    page.goto(f"/authoring/preview/fi/{MODULE_ID}")
    wide += too_wide(page, [page.get_attribute("main .lesson-list a", "href")])
    check_upload(page, "---\nid: broken\n")
    wide += overflow(page, "check with problems")
    assert wide == [], "\n".join(wide)


def test_compare_shows_three_columns_on_a_laptop_and_one_switchable_on_a_phone(live_app, signed_in):
    page = signed_in("trainer@example.org", "demopassword", LAPTOP, language="fi")
    page.goto(f"/authoring/compare/{MODULE_ID}")
    first_row = page.locator("main .compare-row").first
    boxes = [cell.bounding_box() for cell in first_row.locator(".compare-cell").all()]
    assert len(boxes) == 3 and len({round(box["y"]) for box in boxes}) == 1
    assert all(box["width"] >= 280 for box in boxes)  # readable, side by side

    phone = signed_in("trainer@example.org", "demopassword", PHONE, language="fi")
    phone.goto(f"/authoring/compare/{MODULE_ID}")
    cells = phone.locator("main .compare-row").first.locator(".compare-cell")
    assert [cell.get_attribute("lang") for cell in cells.all() if cell.is_visible()] == ["fi"]
    phone.click("main label[for=shown-sv]")
    assert [cell.get_attribute("lang") for cell in cells.all() if cell.is_visible()] == ["sv"]


def test_admin_makes_a_manager_who_imports_staff(live_app, new_page, tmp_path):
    with live_app.app_context():
        centre = db.session.scalar(select(Centre).order_by(Centre.id.desc()).limit(1))
        centre_name = centre.name
    admin = new_page()
    sign_in(admin, "admin@example.org", "demopassword")
    admin.goto("/admin")
    admin.fill("#name", "Maija Esimies")
    admin.fill("#email", "maija.e2e@example.org")
    admin.select_option("#role", "manager")
    admin.select_option("#centre", label=centre_name)
    admin.fill("#password", "a long and private passphrase 42")
    with admin.expect_navigation():
        admin.click("main form[action$='/admin/users'] button[type=submit]")
    with live_app.app_context():
        manager = user_by_email("maija.e2e@example.org")
        assert [c.name for c in manager.managed_centres] == [centre_name]

    page = new_page()
    sign_in(page, "maija.e2e@example.org", "a long and private passphrase 42")
    page.click("main a[href*='/people/import']")
    assert page.input_value("#centre") != ""
    page.set_input_files("input[type=file]", str(staff_file(tmp_path)))
    page.click("main form button[type=submit]")
    with page.expect_navigation():
        page.click("main form[action$='/people/import/confirm'] button")
    with live_app.app_context():
        added = db.session.scalar(select(User).where(User.email == "pekka.e2e@example.org"))
        assert added.centre.name == centre_name


def staff_file(tmp_path):
    staff = tmp_path / "staff.csv"
    staff.write_text("name,email,language\nPekka Puro,pekka.e2e@example.org,fi\n")
    return staff
