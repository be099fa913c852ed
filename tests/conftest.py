"""Fixtures in the flaskr style: app, client, runner, auth, and a user of every role.

Each test gets a database migrated to head: a copy of a migrated SQLite file, or (with
TRAINER_TEST_DATABASE_URL set) a PostgreSQL database emptied after every test."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from types import CodeType

import pytest
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.utils import _PassArg
from sqlalchemy.engine import make_url

from tests.helpers.app import (
    TEST_COURSE,
    AuthActions,
    Client,
    empty_all_tables,
    make_app,
    new_migrated_database,
)
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, browser_missing_reason
from tests.helpers.database import POSTGRES_URL, copy_sqlite
from tests.helpers.people import SETTINGS_READ, make_centres, make_users, read_centres, read_users
from trainer.extensions import db

COURSE_FOLDERS_SHARED = (TEST_COURSE, Path(__file__).parent.parent / "content")


@pytest.fixture(scope="session", autouse=True)
def parse_shared_courses_once():
    """The test course and the real one are parsed once per test process, not once per
    app: a Catalogue is immutable, so every app may hold the same one. Other folders
    (a test's own broken course, say) are read as the app reads them."""
    from trainer.modules.courses import extension, loader

    shared = {folder.resolve() for folder in COURSE_FOLDERS_SHARED}
    parsed: dict[Path, loader.LoadResult] = {}

    def load_content(folder: Path) -> loader.LoadResult:
        where = Path(folder).resolve()
        if where not in shared:
            return loader.load_content(folder)
        if where not in parsed:
            parsed[where] = loader.load_content(where)
        return parsed[where]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extension, "load_content", load_content)
        yield


@pytest.fixture(scope="session", autouse=True)
def compile_url_builders_once():
    """Werkzeug compiles two URL-building functions for every route of every app it
    binds (`Rule._compile_builder`, Python's `compile()` on a generated AST): about
    half of making an app (a median of 54 ms, 26 ms without it), and the suite makes
    about 900. A builder's code depends
    only on the rule's parsed parts, its defaults and whether unknown arguments are
    appended, and is bound to its rule afterwards (it reads the rule's converters
    through `self` when called), so one compiled function serves the same route in
    every app of the test process."""
    from werkzeug.routing.rules import Rule

    compiled: dict[tuple, Callable] = {}
    compile_builder = Rule._compile_builder

    def cached(rule: Rule, append_unknown: bool = True) -> Callable:
        defaults = rule.defaults or {}
        # A default for a part of the path is folded into the code by its converter.
        folded = {
            n: rule._converters[n].to_url(v) for n, v in defaults.items() if n in rule._converters
        }
        key = (
            tuple(rule._trace),
            tuple(sorted((name, repr(value)) for name, value in defaults.items())),
            tuple(sorted(folded.items())),
            append_unknown,
        )
        if key not in compiled:
            compiled[key] = compile_builder(rule, append_unknown)
        return compiled[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Rule, "_compile_builder", cached)
        yield


class SharedTemplateCode(BytecodeCache):
    """Compiled templates kept in memory for every app of the test process. Each app has
    its own Jinja environment, and compiling its templates afresh was a third of the time
    of a test that renders pages. Jinja's own cache is keyed by the template's name, file
    and a checksum of its source; code also depends on the environment's extensions,
    filters and tests (compiled calls differ by what a filter is passed), so those are in
    the key too."""

    def __init__(self) -> None:
        self.code: dict[tuple, CodeType] = {}

    @staticmethod
    def _key(bucket: Bucket) -> tuple:
        env = bucket.environment
        filters = tuple(sorted((name, _PassArg.from_obj(f)) for name, f in env.filters.items()))
        made_by = (tuple(sorted(env.extensions)), filters, tuple(sorted(env.tests)))
        return bucket.key, bucket.checksum, made_by

    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.code = self.code.get(self._key(bucket))

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[self._key(bucket)] = bucket.code


@pytest.fixture(scope="session", autouse=True)
def compile_templates_once():
    """Every app's Jinja environment shares one `SharedTemplateCode`."""
    from flask import Flask

    options = {**Flask.jinja_options, "bytecode_cache": SharedTemplateCode()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Flask, "jinja_options", options)
        yield


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Iterator[str]:
    """One migrated database per test session, copied (SQLite) or emptied (PostgreSQL)."""
    with new_migrated_database(tmp_path_factory.mktemp("template")) as url:
        yield url


@pytest.fixture(scope="session")
def people_database(migrated_database, tmp_path_factory) -> str:
    """SQLite: the migrated database with the `centres` and `users` in it, made once per
    test process. Making them took 40 ms of most tests' setup (six inserts on a new
    engine, each with its audit event, four password hashes); a test copies them."""
    template = Path(make_url(migrated_database).database)
    url = copy_sqlite(template, tmp_path_factory.mktemp("people") / "database.sqlite")
    app = make_app(url)
    with app.app_context():
        make_users(make_centres())
        db.session.remove()
        db.engine.dispose()
    return url


@pytest.fixture
def people_copied(app_settings) -> bool:
    """Whether `users` reads its people from a copy of `people_database` instead of
    making them: on SQLite, when no setting changes how they are made. Only `users` asks
    for it, so a test has it among its fixtures exactly when it wants them."""
    return not POSTGRES_URL and SETTINGS_READ.isdisjoint(app_settings)


def copies_people(request: pytest.FixtureRequest) -> bool:
    """Whether this test's database is a copy of `people_database`."""
    return "people_copied" in request.fixturenames and request.getfixturevalue("people_copied")


@pytest.fixture
def database_url(migrated_database, tmp_path, request) -> str:
    if POSTGRES_URL:
        return migrated_database
    template = (
        request.getfixturevalue("people_database") if copies_people(request) else migrated_database
    )
    return copy_sqlite(Path(make_url(template).database), tmp_path / "test.sqlite")


@pytest.fixture
def app_settings() -> dict:
    """Settings on top of the test defaults; a test may parametrize it."""
    return {}


@pytest.fixture
def app(database_url, app_settings):
    app = make_app(database_url, **app_settings)
    app.test_client_class = Client
    with app.app_context():
        yield app
        db.session.remove()
        if POSTGRES_URL:
            empty_all_tables()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def centres(app, request):
    return read_centres() if copies_people(request) else make_centres()


@pytest.fixture
def users(app, centres, people_copied):
    """One user of every role; the manager manages centre A; all have PASSWORD."""
    return read_users() if people_copied else make_users(centres)


@pytest.fixture
def auth(client):
    return AuthActions(client)


# One Chromium per test process, shared by every module that drives it: Playwright's
# sync API runs one instance per process at a time. A missing browser is a clear skip
# on a developer's machine and a failure in CI (CI=true), where .ci/run installs it.
@pytest.fixture(scope="session")
def browser():
    reason = browser_missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
