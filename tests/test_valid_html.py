"""Valid HTML on every kind of page, for every role, by the Nu HTML Checker.

Each role's client opens every route that answers GET (with centre A's objects in the
URL), a few of the links those pages carry, every form sent empty (the page that lists
its errors) and a few forms sent filled in (a quiz's result, a step of a case, a checked
module, a staff list to preview). Every HTML answer is saved to one folder, and vnu
(the W3C's vnu.jar from npm's vnu-jar, which `make test` installs; run with Java) checks the whole folder
in one start. Its warnings fail as its errors do; so does a heading that skips a level.
"""

import io
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BuildError

from tests.helpers.app import PASSWORD, AuthActions
from tests.helpers.certificates import issue_for
from tests.helpers.credentials import credential_text
from tests.helpers.quizzes import form_for, start_attempt
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.invitations import Purpose, issue, link_for
from trainer.modules.accounts.operations import create_user
from trainer.modules.courses import catalogue
from trainer.modules.evaluation.models import EvaluationAnswer, random_id

ROLES = ("anonymous", "learner", "trainer", "manager", "admin")
REAL_COURSE = Path(__file__).resolve().parents[1] / "content"
# Pages found through links, beyond those the URL map gives: this many of each route.
LINKED_PER_ROUTE = 2
NOT_PAGES = {"static", "courses.image", "about.logo", "health.healthz"}
# Sent empty, they would end the session the rest of the visit needs.
# The error page, whatever refused or was not found: one of each per role.
ERROR_PAGES = {401, 403, 404, 405}
NOT_SENT_EMPTY = {"accounts.logout", "accounts.account_password", "accounts.switch_language"}


@dataclass(frozen=True)
class Page:
    role: str
    method: str
    url: str
    status: int


@dataclass(frozen=True)
class Post:
    """A form sent filled in; the page it leads to is saved."""

    url: str
    data: dict


@pytest.fixture
def app_settings():
    """The real course: its lessons, cases and quizzes are pages of their own kinds."""
    return {"CONTENT_DIR": str(REAL_COURSE)}


@pytest.fixture
def world(app, users, centres) -> dict:
    """Attempts open and submitted, certificates valid, revoked and expired, a person
    invited but not signed in; the URLs and forms that show them."""
    client = app.test_client()
    AuthActions(client).login("learner")
    first, second = catalogue().module_ids[:2]
    submitted = start_attempt(client, first)
    client.post(f"/attempts/{submitted.id}", data=form_for(submitted, right=False))
    still_open = start_attempt(client, second)
    certificate = issue_for(users["learner"])
    colleague = create_user(
        email="colleague@example.org", name="Colleague", centre=centres["a"], password=PASSWORD
    )
    revoked, expired = issue_for(colleague), issue_for(users["trainer"])
    revoked.revoked_at, revoked.revoked_reason = utcnow(), "Issued in error"
    expired.expires_at = utcnow()
    invited = create_user(email="invited@example.org", name="Invited", centre=centres["a"])
    invitation = issue(invited, Purpose.INVITATION)
    evaluation_answers(centres["a"].id)
    db.session.commit()
    module = catalogue().module("en", first)
    return {
        "values": {
            "attempt_id": submitted.id,
            "certificate_id": certificate.id,
            "centre_id": centres["a"].id,
            "user_id": users["learner"].id,
            "code": certificate.code,
            "module_id": first,
            "lesson_id": module.lessons[0].id,
            "language": "sv",
        },
        "more": [
            f"/attempts/{still_open.id}",
            *(f"/verify/{c.code}" for c in (revoked, expired)),
            f"/admin/users/{invited.id}",
            f"/reports/people/{invited.id}",
            urlsplit(link_for(invitation)).path,
            "/no-such-page",
        ],
        "posts": {
            "learner": [Post(f"/attempts/{still_open.id}", {}), *case_choice()],
            "trainer": [module_to_check()],
            "manager": [staff_list(centres["a"].id)],
            # The answer /verify gives about a credential file.
            "anonymous": [
                Post("/verify/credential", {"credential_text": credential_text(certificate)})
            ],
        },
    }


def evaluation_answers(centre_id: int) -> None:
    """A counted group of course evaluation answers, for the results page's tables."""
    for number in range(5):
        db.session.add(
            EvaluationAnswer(
                id=random_id(),
                centre_id=centre_id,
                language="en",
                course_version="0",
                period="2026-11",
                ratings={"relevant": 1 + number, "clear": 5},
                comment=f"Comment {number}",
            )
        )


def case_choice() -> list[Post]:
    """The first choice of the course's first branching case, if it has one."""
    for module_id in catalogue().module_ids:
        for lesson in catalogue().module("en", module_id).cases:
            step = lesson.case.start
            url = f"/learn/{module_id}/{lesson.id}/choose"
            return [Post(url, {"step": step.id, "choice": str(step.choices[0].number)})]
    return []


def module_to_check() -> Post:
    path = sorted((REAL_COURSE / "en").glob("0*.md"))[0]
    upload = (io.BytesIO(path.read_bytes()), path.name)
    return Post("/authoring/check", {"language": "en", "target": "", "upload": upload})


def staff_list(centre_id: int) -> Post:
    rows = b"Aino Virtanen;aino@example.org;fi\nno address;;sv\n"
    return Post(
        "/people/import", {"centre": str(centre_id), "staff_file": (io.BytesIO(rows), "staff.csv")}
    )


def route_urls(app, values: dict) -> list[tuple[str, str]]:
    """(method, URL) of every route whose arguments the world's objects fill."""
    adapter = app.url_map.bind("localhost")
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_PAGES:
            continue
        try:
            url = adapter.build(rule.endpoint, {name: values[name] for name in rule.arguments})
        except (KeyError, BuildError):
            continue  # a link token, a kind of export: see the world's `more`
        found += [(method, url) for method in sorted(rule.methods & {"GET", "POST"})]
    return found


class Visit:
    """One role's visit: each page opened once and saved to `folder`."""

    def __init__(self, app, role: str, folder: Path, pages: dict[Path, Page]):
        self.app, self.role, self.folder, self.pages = app, role, folder, pages
        self.client = app.test_client()
        if role != "anonymous":
            AuthActions(self.client).login(role)
        self.adapter = app.url_map.bind("localhost")
        self.opened: set[tuple[str, str]] = set()
        self.linked: Counter[str] = Counter()
        self.failures: list[str] = []
        self.errors_seen: set[int] = set()

    def run(self, routes: list[tuple[str, str]], more: list[str], posts: list[Post]) -> None:
        to_open = [url for method, url in routes if method == "GET"] + more
        while to_open:
            to_open += self.links_on(self.open("GET", to_open.pop(0)))
        for method, url in routes:
            if method == "POST" and self.endpoint(url, "POST") not in NOT_SENT_EMPTY:
                self.open("POST", url, {})
        for post in posts:
            self.open("POST", post.url, post.data)

    def open(self, method: str, url: str, data: dict | None = None) -> str:
        if (method, url) in self.opened and data is None:
            return ""
        self.opened.add((method, url))
        try:
            if method == "POST":
                response = self.client.post(url, data=data or {}, follow_redirects=bool(data))
            else:
                response = self.client.get(url)
        except Exception as error:  # a page that raised is listed, not saved
            self.failures.append(f"{self.role}: {method} {url} raised {error!r}")
            return ""
        if response.mimetype != "text/html" or not self.new_kind(response.status_code):
            return ""
        html = response.get_data(as_text=True)
        path = self.folder / f"{self.role}-{len(self.pages):04d}.html"
        path.write_text(html, encoding="utf-8")
        self.pages[path] = Page(self.role, method, url, response.status_code)
        return html

    def new_kind(self, status: int) -> bool:
        """A page, not a redirect; of the error pages (refused, not found), one each."""
        if 300 <= status < 400 or status in self.errors_seen:
            return False
        if status in ERROR_PAGES:
            self.errors_seen.add(status)
        return True

    def links_on(self, html: str) -> list[str]:
        """The site's own links on a page: a few for each route."""
        found = []
        for href in re.findall(r'<a [^>]*href="(/[^"#]*)', html):
            url = href.replace("&amp;", "&")
            endpoint = self.endpoint(url, "GET")
            if endpoint in NOT_PAGES or ("GET", url) in self.opened:
                continue
            if endpoint is not None and self.linked[endpoint] < LINKED_PER_ROUTE:
                self.linked[endpoint] += 1
                found.append(url)
        return found

    def endpoint(self, url: str, method: str) -> str | None:
        try:
            return self.adapter.match(urlsplit(url).path, method=method)[0]
        except HTTPException:
            return None


def visit_every_role(app, world: dict, folder: Path) -> tuple[dict[Path, Page], list[str]]:
    """Every page saved, and each request that raised instead of answering."""
    pages: dict[Path, Page] = {}
    failures: list[str] = []
    routes = route_urls(app, world["values"])
    for role in ROLES:
        visit = Visit(app, role, folder, pages)
        visit.run(routes, world["more"], world["posts"].get(role, []))
        failures += visit.failures
    return pages, failures


VNU_JAR = Path(__file__).parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_command() -> list[str]:
    """`java -jar vnu.jar`, or a skip (a failure in CI) naming what is missing."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        reason = f"the Nu HTML Checker needs Java and {VNU_JAR} (npm install)"
        if os.environ.get("CI"):
            pytest.fail(f"HTML validation must run in CI: {reason}")
        pytest.skip(reason)
    # One short run: the quick compiler alone starts it in half the time.
    fast_start = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m"]  # vnu recurses deeply
    return [java, *fast_start, "-jar", str(VNU_JAR)]


def vnu_problems(folder: Path, pages: dict[Path, Page]) -> list[str]:
    """vnu's errors and warnings over the whole folder, each with its page and line."""
    checked = subprocess.run(
        [*vnu_command(), "--format", "json", "--exit-zero-always", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    problems = []
    for message in json.loads(checked.stderr)["messages"]:
        if message["type"] == "info" and message.get("subType") != "warning":
            continue
        path = Path(urlsplit(message.get("url", "")).path)
        problems.append(
            f"{describe(path, pages)}, line {message.get('lastLine')}: {message['message']}"
        )
    return problems


HEADING = re.compile(r"<h([1-6])\b")


def skipped_heading_levels(pages: dict[Path, Page | None]) -> list[str]:
    """Each heading more than one level below the one before it (h1 then h3, say)."""
    problems = []
    for path in pages:
        above = 0
        for match in HEADING.finditer(path.read_text(encoding="utf-8")):
            level = int(match[1])
            if level > above + 1:
                problems.append(f"{describe(path, pages)}: h{level} follows h{above}")
            above = level
    return problems


def describe(path: Path, pages: dict[Path, Page | None]) -> str:
    page = pages.get(path)
    if page is None:
        return path.name
    return f"{path.name} ({page.role}: {page.method} {page.url} → {page.status})"


# A page with two faults, checked with the others: the run must find both, or vnu
# (or the heading check) did not really look.
CONTROL = (
    '<!doctype html><html lang="en"><head><title>Control</title></head><body>'
    '<h1>Control</h1><h3 id="twice">Skips a level</h3><p id="twice">Same id</p></body></html>'
)


def test_every_page_of_every_role_is_valid_html(app, world, tmp_path):
    folder = tmp_path / "pages"  # the test's database lies beside it
    folder.mkdir()
    pages, problems = visit_every_role(app, world, folder)
    assert {page.role for page in pages.values()} == set(ROLES)
    control = folder / "control.html"
    control.write_text(CONTROL, encoding="utf-8")
    found = vnu_problems(folder, pages) + skipped_heading_levels({**pages, control: None})
    faults = [problem for problem in found if problem.startswith(control.name)]
    assert any("Duplicate ID" in fault for fault in faults), faults
    assert f"{control.name}: h3 follows h1" in faults
    problems += [problem for problem in found if problem not in faults]
    assert problems == [], f"{len(problems)} problems in {len(pages)} pages:\n" + "\n".join(
        problems
    )
