"""The app as tests build it: settings, a migrated database, the test client that reads
CSRF tokens from rendered forms, and signing in."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from tests.helpers.database import POSTGRES_URL, fresh_postgres_database
from trainer import create_app
from trainer.extensions import db

TEST_COURSE = Path(__file__).parents[1] / "data" / "course"
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


def empty_all_tables() -> None:
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.session.commit()


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


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email="learner@example.org", password=PASSWORD, **extra):
        if "@" not in email:
            email = f"{email}@example.org"
        return self._client.post("/login", data={"email": email, "password": password, **extra})

    def logout(self):
        return self._client.post("/logout")
