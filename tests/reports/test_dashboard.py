"""The dashboard against a centre whose answers are known (see the `staff` fixture)."""

import re

from sqlalchemy import select

from tests.helpers.progress import person, read
from trainer.extensions import db
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.models import Certificate
from trainer.modules.courses import current_course
from trainer.modules.reports.progress import Scope, Status, local_today, people_progress
from trainer.modules.reports.table import PAGE_SIZE

EVERYONE_IN_A = [
    "Dora Done",
    "Eve Expiring",
    "Fay Failed",
    "Hugo Half",
    "Ivy Invited",
    "Liam Late",
    "Test Learner",
]


def tiles(page: str) -> dict[str, int]:
    found = re.findall(r'tile-number">(\d+)</span> <span class="tile-label">([^<]+)<', page)
    return {label: int(number) for number, label in found}


def names_in_table(page: str) -> list[str]:
    return re.findall(r'<th scope="row">\s*<a href="/reports/people/\d+">([^<]+)</a>', page)


def dashboard(client, query: str = "") -> str:
    response = client.get(f"/reports{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_summary_numbers(client, auth, staff):
    auth.login("manager")
    assert tiles(dashboard(client)) == {
        "people": 7,
        "completed": 2,
        "not completed": 5,
        "in progress": 2,
        "not started": 3,
        "overdue": 1,
        "certificates expiring within 60 days": 1,
    }


def test_each_persons_numbers(app, staff):
    rows = {row.name: row for row in people_progress(Scope(None), current_course(), local_today())}
    assert sorted(rows) == sorted([*EVERYONE_IN_A, "Bob Bcentre", "Bea Bcentre"])
    hugo, fay, dora = rows["Hugo Half"], rows["Fay Failed"], rows["Dora Done"]
    # 6 steps: two modules of two lessons and a quiz each.
    assert (hugo.status, hugo.percent, hugo.modules_done, hugo.score_total) == (
        Status.IN_PROGRESS,
        67,
        1,
        85.0,
    )
    assert (fay.status, fay.percent, fay.modules_done, fay.score_total) == (
        Status.IN_PROGRESS,
        17,
        0,
        50.0,
    )
    assert (dora.status, dora.percent, dora.modules_done, dora.score_total) == (
        Status.COMPLETED,
        100,
        2,
        170.0,
    )
    assert dora.certificate.status == "valid"
    assert rows["Eve Expiring"].certificate.status == "valid"
    assert rows["Liam Late"].is_overdue and not hugo.is_overdue
    assert rows["Liam Late"].status is Status.NOT_STARTED
    assert not rows["Ivy Invited"].has_password and rows["Liam Late"].has_password
    assert rows["Test Learner"].last_activity is None and hugo.last_activity is not None


def test_lessons_no_longer_in_the_course_do_not_count(app, staff):
    read(staff["learner"], "recognising", "a-lesson-since-removed")
    read(staff["learner"], "gone-module", "definition")
    db.session.commit()
    rows = {row.name: row for row in people_progress(Scope(None), current_course(), local_today())}
    assert (rows["Test Learner"].status, rows["Test Learner"].percent) == (Status.NOT_STARTED, 0)


def test_the_chart_counts_modules_done_with_a_text_alternative(client, auth, staff):
    auth.login("manager")
    page = dashboard(client)
    chart = page[page.index('id="chart-heading"') : page.index('id="people-heading"')]
    # Recognising: Dora, Hugo and Eve; helping: Dora and Eve; of 7.
    assert "3 of 7 (43%)" in chart
    assert "2 of 7 (29%)" in chart
    assert 'class="chart-fill" width="43"' in chart
    assert 'aria-hidden="true"' in chart  # the bars; the numbers beside them are the text
    assert "style=" not in page


def test_the_table_lists_the_centre_with_certificates(client, auth, staff):
    auth.login("manager")
    page = dashboard(client)
    assert names_in_table(page) == EVERYONE_IN_A
    certificate = db.session.scalar(
        select(Certificate).where(Certificate.user_id == staff["dora"].id)
    )
    assert display_code(certificate.code) in page
    assert "<caption>" in page and 'scope="col"' in page
    assert "Bob Bcentre" not in page


def test_the_invitation_link_can_be_copied_from_the_dashboard(client, auth, staff):
    auth.login("manager")
    page = dashboard(client)
    link = re.search(
        r'id="invitation-\d+" type="text" readonly value="[^"]*(/password/[^"]+)"', page
    )
    auth.logout()
    assert client.get(link[1], follow_redirects=True).status_code == 200


def test_filters_by_status(client, auth, staff):
    auth.login("manager")
    assert names_in_table(dashboard(client, "?status=completed")) == ["Dora Done", "Eve Expiring"]
    assert names_in_table(dashboard(client, "?status=in-progress")) == ["Fay Failed", "Hugo Half"]
    assert names_in_table(dashboard(client, "?status=overdue")) == ["Liam Late"]
    assert names_in_table(dashboard(client, "?status=not-started")) == [
        "Ivy Invited",
        "Liam Late",
        "Test Learner",
    ]
    assert tiles(dashboard(client, "?status=completed"))["people"] == 7, "the summary stays whole"


def test_not_completed_lists_everyone_still_to_finish_and_overdue_stands_out(client, auth, staff):
    auth.login("manager")
    page = dashboard(client, "?status=not-completed")
    assert names_in_table(page) == [
        n for n in EVERYONE_IN_A if n not in ("Dora Done", "Eve Expiring")
    ]
    assert '<option value="not-completed" selected>' in page
    overdue = re.search(r'<li class="tile([^"]*)">\s*<a href="[^"]*status=overdue', page)
    assert "tile-alert" in overdue[1]
    staff["liam"].centre = None  # nobody overdue any more: the tile looks like its peers
    db.session.commit()
    calm = re.search(r'<li class="tile([^"]*)">\s*<a href="[^"]*status=overdue', dashboard(client))
    assert "tile-alert" not in calm[1]


def test_search_by_name_or_email(client, auth, staff):
    auth.login("manager")
    assert names_in_table(dashboard(client, "?q=hugo")) == ["Hugo Half"]
    assert names_in_table(dashboard(client, "?q=FAY.FAILED%40EXAMPLE")) == ["Fay Failed"]
    assert "Nobody matches these filters." in dashboard(client, "?q=zzz")


def test_sort_by_any_column(client, auth, staff):
    auth.login("manager")
    by_progress = names_in_table(dashboard(client, "?sort=progress&order=desc"))
    assert by_progress[:4] == ["Dora Done", "Eve Expiring", "Hugo Half", "Fay Failed"]
    by_scores = names_in_table(dashboard(client, "?sort=scores&order=desc"))
    assert by_scores[:4] == ["Eve Expiring", "Dora Done", "Hugo Half", "Fay Failed"]
    by_due = names_in_table(dashboard(client, "?sort=due"))
    assert by_due[0] == "Liam Late"
    page = dashboard(client, "?sort=email&order=desc")
    assert names_in_table(page)[:2] == ["Liam Late", "Test Learner"]  # liam.late@, learner@
    assert 'aria-sort="descending"' in page
    for column in ("name", "centre", "status", "modules", "activity", "certificate"):
        assert sorted(names_in_table(dashboard(client, f"?sort={column}"))) == EVERYONE_IN_A
    assert names_in_table(dashboard(client, "?sort=nonsense&page=x")) == EVERYONE_IN_A


def test_pages(client, auth, users, centres):
    for number in range(PAGE_SIZE + 5):
        person(f"Person {number:03d}", centres["a"])
    db.session.commit()
    auth.login("manager")
    first, second = dashboard(client), dashboard(client, "?page=2")
    assert len(names_in_table(first)) == PAGE_SIZE
    assert len(names_in_table(second)) == PAGE_SIZE + 6 - PAGE_SIZE
    assert "page 2 of 2" in second
    assert 'aria-current="page">2<' in second
    assert names_in_table(dashboard(client, "?page=99")) == names_in_table(second)


def test_an_admin_sees_every_centre_and_may_narrow_to_one(client, auth, staff, centres):
    auth.login("admin")
    assert tiles(dashboard(client))["people"] == 9
    assert tiles(dashboard(client, f"?centre={centres['b'].id}"))["people"] == 2


def test_an_empty_centre(client, auth, users, centres):
    users["learner"].is_active_account = False
    db.session.commit()
    auth.login("manager")
    page = dashboard(client)
    assert tiles(page)["people"] == 0
    assert "There are no learners in your centres yet." in page
