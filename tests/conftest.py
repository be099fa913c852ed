"""Fixtures in the flaskr style: app, client, runner, auth, and a user of every role.

Each test gets a database migrated to head: a copy of a migrated SQLite file, or (with
TRAINER_TEST_DATABASE_URL set) a PostgreSQL database emptied after every test.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.database import POSTGRES_URL, copy_sqlite, fresh_postgres_database
from trainer import create_app
from trainer.extensions import db

TEST_COURSE = Path(__file__).parent / "data" / "course"
PASSWORD = "correct horse battery staple"
SECRET_KEY = "test-secret-key-that-is-long-enough-for-the-checks"


def make_app(database_url: str, **overrides):
    settings = {
        "ENV": "testing",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database_url,
        "CONTENT_DIR": str(TEST_COURSE),
        "RATELIMIT_ENABLED": False,
        # Cheap hashing keeps the suite fast; tests of hashing set the real method.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
    }
    settings.update(overrides)
    return create_app(settings)


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


def migrate_to_head(database_url: str) -> None:
    app = make_app(database_url)
    with app.app_context():
        upgrade()
        db.engine.dispose()


@contextmanager
def new_migrated_database(folder: Path) -> Iterator[str]:
    """A database at head: a SQLite file in `folder`, or a fresh PostgreSQL database."""
    if POSTGRES_URL:
        with fresh_postgres_database(POSTGRES_URL) as url:
            migrate_to_head(url)
            yield url
    else:
        url = f"sqlite:///{folder / 'database.sqlite'}"
        migrate_to_head(url)
        yield url


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Iterator[str]:
    """One migrated database per test session, copied (SQLite) or emptied (PostgreSQL)."""
    with new_migrated_database(tmp_path_factory.mktemp("template")) as url:
        yield url


@pytest.fixture
def database_url(migrated_database, tmp_path) -> str:
    if POSTGRES_URL:
        return migrated_database
    return copy_sqlite(Path(make_url(migrated_database).database), tmp_path / "test.sqlite")


def empty_all_tables() -> None:
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.session.commit()


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


class Client(FlaskClient):
    """A test client that sends the CSRF token with every POST unless told not to.

    Its browser asks for English, so messages can be asserted in the language they
    are written in; language tests set their own Accept-Language.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        self._csrf: tuple[str | None, str] | None = None  # (the session's raw token, the form's)

    def open(self, *args, **kwargs):
        # Each request in an app context of its own, as in production: its own `g` and
        # database session, not the test's.
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        self._remember_form_token(response)
        return response

    def _remember_form_token(self, response) -> None:
        """Keep the CSRF token of the last page that carried a form, as a browser has it."""
        if response.mimetype != "text/html":
            return
        found = re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True))
        if found:
            self._csrf = (self._session_token(), found[1])

    def post(self, *args, csrf: bool = True, **kwargs):
        data = kwargs.get("data") or {}
        if csrf and isinstance(data, dict) and "csrf_token" not in data:
            kwargs["data"] = {**data, "csrf_token": self.csrf_token()}
        return super().post(*args, **kwargs)

    def csrf_token(self) -> str:
        """The token the last rendered form carried, as a browser would send it; when the
        session's own token has changed since (a sign-in), read from a fresh page (every
        page's language switcher is a form)."""
        raw = self._session_token()
        if self._csrf is None or self._csrf[0] != raw or raw is None:
            self.get("/", follow_redirects=True)  # a page with a form
        assert self._csrf is not None, "no form with a CSRF token on the front page"
        return self._csrf[1]

    def _session_token(self) -> str | None:
        with self.session_transaction() as session:
            return session.get("csrf_token")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def centres(app):
    from trainer.modules.accounts.operations import create_centre

    made = {"a": create_centre("Centre A"), "b": create_centre("Centre B")}
    db.session.commit()
    return made


@pytest.fixture
def users(app, centres):
    """One user of every role; the manager manages centre A; all have PASSWORD."""
    from trainer.modules.accounts.operations import create_user

    made = {}
    for role in ("learner", "trainer", "manager", "admin"):
        made[role] = create_user(
            email=f"{role}@example.org",
            name=f"Test {role.title()}",
            role=role,
            locale="en",
            centre=centres["a"],
            password=PASSWORD,
        )
    made["manager"].managed_centres = [centres["a"]]
    db.session.commit()
    return made


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email="learner@example.org", password=PASSWORD, **extra):
        if "@" not in email:
            email = f"{email}@example.org"
        return self._client.post("/login", data={"email": email, "password": password, **extra})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)
