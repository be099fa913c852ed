"""Fixtures for signing in through real identity providers in Debian's Chromium.

The providers and the browser are started once per test module; a missing one fails
the run with what to install (`make test` installs them)."""

import json
import os

import pytest

from tests.helpers.app import new_migrated_database
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, browser_missing_reason
from tests.interop.identity.counterparts import missing_counterpart

# Authlib refuses plain http; the providers run on loopback in the tests only.
os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")


@pytest.fixture(scope="session")
def browser():
    reason = browser_missing_reason() or missing_counterpart()
    if reason:
        pytest.fail(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
