"""An organisation to run the service, and a page's language and text."""

import pytest

from tests.helpers.pages import ORGANISATION


@pytest.fixture
def app_settings(tmp_path):
    """The organisation, and a folder of adapted pages of the test's own."""
    return {**ORGANISATION, "PAGES_DIR": str(tmp_path / "pages")}
