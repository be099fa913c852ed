"""Every route, for every role, with hostile values in every parameter: never a 500.

The parameters are not listed by hand: a first, ordinary request to each route records
which query arguments and form fields the app reads (through a recording MultiDict),
and each of those, and each part of the path, then gets every hostile value in turn,
the others keeping ordinary values, so one refusal cannot hide what a later check
would have done with the value. Whatever the app then reads besides is fuzzed too.
Runs on SQLite and, with TRAINER_TEST_DATABASE_URL, on PostgreSQL (which refuses NUL
and numbers beyond 64 bits where SQLite lets them pass).
"""

import io
import re
import time
from urllib.parse import quote

import pytest
from flask import Request
from werkzeug.datastructures import ImmutableMultiDict

from tests.helpers.app import PASSWORD, AuthActions
from tests.test_access_matrix import LAST, url_for_rule, world  # noqa: F401 - a fixture

pytestmark = pytest.mark.property

ROLES = ("anonymous", "learner", "trainer", "manager", "admin")
FILE = object()  # a file where text is expected
TWICE = object()  # the field sent twice
# In this order: a value the database refuses leaves everything as it was, while the
# first one it takes may change what the later ones meet (a certificate revoked once).
HOSTILE = [
    "\x00\x1b[2J\r\n\t\x7f\x85",  # NUL (which PostgreSQL refuses) and other controls
    "9" * 10_000,  # longer than any column, and beyond int()'s 4,300 digits
    "9" * 25,  # beyond 64 bits
    "-1",
    "²",  # str.isdigit() says yes, int() says no
    "٣",  # int() reads it as 3
    "",
    "😀\u202e\ud7ff",
    FILE,
    TWICE,
]
# Values that pass each field's checks, so a hostile value in one field is not stopped
# by another; anything not named here gets "1".
ORDINARY = {
    "email": "fuzz@example.org",
    "name": "Fuzz Tester",
    "password": PASSWORD,
    "current_password": PASSWORD,
    "new_password": PASSWORD,
    "confirm": PASSWORD,
    "locale": "en",
    "role": "learner",
    "reason": "Found out by the fuzzer",
    "due_on": "2030-01-31",
    "since": "2030-01-01",
    "until": "2030-01-31",
    "q": "fuzz",
    "status": "overdue",
    "sort": "name",
    "order": "desc",
    "code": "ZZZZ",
    "next": "/",
    "then": "stay",
    "is_active": "y",
    "password_sign_in": "y",
    "remember": "y",
    "action": "",
}
PATH_PARAMETER = re.compile(r"<(?:[^:>]+:)?([^>]+)>")


class RecordingArgs(ImmutableMultiDict):
    """Query arguments and form fields that note every name the app asks for."""

    read: set[str] = set()

    def __getitem__(self, key):
        RecordingArgs.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        RecordingArgs.read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None, type=None):
        RecordingArgs.read.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):
        RecordingArgs.read.add(key)
        return super().getlist(key, type)


class RecordingRequest(Request):
    parameter_storage_class = RecordingArgs


def values_for(names: set[str], hostile_name: str | None = None, hostile=None) -> dict:
    # The test client adds a valid CSRF token to a form that has none.
    values: dict = {name: ORDINARY.get(name, "1") for name in names - {"csrf_token"}}
    if hostile_name is not None:
        if hostile is FILE:
            values[hostile_name] = (io.BytesIO(b"\x00\xff" * 100), "x.csv")
        elif hostile is TWICE:
            values[hostile_name] = [values.get(hostile_name, "1"), "2"]
        else:
            values[hostile_name] = hostile
    return values


class Fuzzer:
    def __init__(self, app, client, objects: dict) -> None:
        self.app, self.client, self.objects = app, client, objects
        self.requests = 0
        self.failures: list[str] = []
        # Flask-WTF checks the token before any view, the same way for every form: it
        # is fuzzed on the first form only.
        self.token_fuzzed = False

    def send(self, method: str, url: str, query: dict, form: dict, what: str) -> set[str]:
        """One request; the names it read. A 500 (or an exception) is a failure."""
        RecordingArgs.read = set()
        self.requests += 1
        try:
            if method == "GET":
                response = self.client.get(url, query_string={**query, **form})
            else:
                has_file = any(isinstance(v, tuple) for v in form.values())
                response = self.client.post(
                    url,
                    query_string=query,
                    data=form,
                    content_type="multipart/form-data" if has_file else None,
                )
            response.close()
            status = response.status_code
        except Exception as error:  # the test client re-raises what the app did not handle
            status = f"{type(error).__name__}: {str(error)[:200]}"
        if status == 500 or not isinstance(status, int):
            self.failures.append(f"{method} {url[:120]} {what}: {status}")
        return set(RecordingArgs.read)

    def fuzz_rule(self, rule, method: str) -> None:
        ordinary_url = url_for_rule(rule, self.objects)
        read = self.send(method, ordinary_url, {}, {}, "ordinary")
        # The path: each part in turn (a value with "/" would be another route).
        for parameter in PATH_PARAMETER.findall(rule.rule):
            for hostile in HOSTILE:
                if not isinstance(hostile, str) or "/" in hostile:
                    continue
                url = url_for_rule(rule, {**self.objects, parameter: _Raw(hostile)})
                self.send(method, url, {}, {}, f"<{parameter}>={hostile[:20]!r}")
        # What the route reads: each name in turn, the others ordinary; then anything
        # the hostile requests made it read besides.
        done: set[str] = set()
        if self.token_fuzzed:
            done.add("csrf_token")
        self.token_fuzzed |= "csrf_token" in read
        while todo := read - done:
            for name in sorted(todo):
                done.add(name)
                for hostile in HOSTILE:
                    if hostile is FILE and method == "GET":
                        continue  # a query string has no files
                    values = values_for(done | todo, name, hostile)
                    query, form = (values, {}) if method == "GET" else ({}, values)
                    label = (
                        hostile if isinstance(hostile, str) else ("file", "twice")[hostile is TWICE]
                    )
                    read |= self.send(method, ordinary_url, query, form, f"{name}={label[:20]!r}")


class _Raw(str):
    """A path value as sent, percent-encoded (url_for_rule puts it in with str())."""

    def __str__(self) -> str:
        return quote(str.__str__(self), safe="")


def rules_in_order(app):
    """Every route, those that end the session last."""
    return sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint in LAST, r.endpoint))


@pytest.mark.parametrize("role", ROLES)
def test_no_route_fails_on_hostile_input(app, world, role):  # noqa: F811 - world is a fixture
    app.request_class = RecordingRequest
    app.config["RESET_ANSWER_SECONDS"] = 0  # its equal answer time is tested elsewhere
    client = app.test_client()
    if role != "anonymous":
        AuthActions(client).login(role)
    fuzzer = Fuzzer(app, client, world["a"])
    started = time.monotonic()
    for rule in rules_in_order(app):
        for method in sorted(rule.methods & {"GET", "POST"}):
            fuzzer.fuzz_rule(rule, method)
    seconds = time.monotonic() - started
    assert fuzzer.failures == [], "\n".join(fuzzer.failures)
    assert fuzzer.requests > 100
    print(f"{role}: {fuzzer.requests} requests in {seconds:.1f} s")
