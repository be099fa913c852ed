"""The stylesheet and the icon are fetched once, not with every page: their addresses
carry the file's hash and may be kept for a year; a changed file gets a new address."""

import re
import shutil

from tests.helpers.app import AuthActions

KEPT = "public, max-age=31536000, immutable"


def linked(page: str, name: str) -> str:
    found = re.search(rf'href="(/static/{re.escape(name)}\?v=[0-9a-f]{{12}})"', page)
    assert found, f"{name} is not linked with its version"
    return found[1]


def fetched(client, address: str) -> tuple[int, str]:
    """The answer's status and Cache-Control; the file it sends is closed."""
    with client.get(address) as response:
        return response.status_code, response.headers.get("Cache-Control", "")


def test_a_page_links_its_files_by_version_and_they_are_kept(client, users):
    AuthActions(client).login("learner")  # a signed-in page: its own answer is no-store
    page = client.get("/learn")
    assert page.headers["Cache-Control"] == "no-store"
    for name in ("css/app.css", "favicon.svg"):
        assert fetched(client, linked(page.get_data(as_text=True), name)) == (200, KEPT)


def test_an_address_without_the_current_version_is_checked_again(client):
    for address in ("/static/css/app.css", "/static/css/app.css?v=000000000000"):
        status, cache_control = fetched(client, address)
        assert status == 200
        assert "max-age=31536000" not in cache_control
    for address in ("/static/nothing.css?v=", "/static/../config.py?v=", "/static/css?v="):
        status, cache_control = fetched(client, address)
        assert status == 404
        assert "max-age" not in cache_control


def test_a_changed_file_gets_a_new_address(app, client, tmp_path):
    shutil.copytree(app.static_folder, tmp_path / "static")
    app.static_folder = str(tmp_path / "static")
    before = linked(client.get("/").get_data(as_text=True), "css/app.css")
    stylesheet = tmp_path / "static" / "css" / "app.css"
    stylesheet.write_text(stylesheet.read_text() + "\n/* the next release */\n")
    after = linked(client.get("/").get_data(as_text=True), "css/app.css")
    assert after != before
    assert fetched(client, after) == (200, KEPT)
    assert "max-age=31536000" not in fetched(client, before)[1]
