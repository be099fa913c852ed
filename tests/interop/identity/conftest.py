"""Fixtures for signing in through real identity providers in Debian's Chromium.

The providers and the browser are started once per test module; a missing one fails
the run with what to install (`make test` installs them)."""

import json
import os

import pytest

from tests.helpers.app import new_migrated_database
from tests.helpers.browser import DESKTOP
from tests.interop.identity.counterparts import missing_counterpart

# Authlib refuses plain http; the providers run on loopback in the tests only.
os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")


@pytest.fixture(scope="session")
def browser(browser):
    """The session's Chromium, once the identity providers' npm packages are there."""
    reason = missing_counterpart()
    if reason:
        pytest.fail(reason)
    return browser


@pytest.fixture(scope="module")
def module_database(tmp_path_factory):
    with new_migrated_database(tmp_path_factory.mktemp("identity")) as url:
        yield url


@pytest.fixture
def page(browser):
    """A fresh browser (its own cookies) in English."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(15000)
    yield context.new_page()
    context.close()


def write_json(path, value) -> None:
    path.write_text(json.dumps(value))
