"""The admin's SCIM pages, in Finnish, Swedish and English: valid HTML (Nu HTML Checker,
as tests/test_valid_html.py runs it), and the token page in the reader's language."""

import pytest

from tests.test_valid_html import Page, skipped_heading_levels, vnu_problems
from trainer.extensions import db

WORDS = {
    "fi": ("Tunnusten valmistelu hakemistosta (SCIM)", "Salainen avain"),
    "sv": ("Etablering från kataloger (SCIM)", "Hemlig token"),
    "en": ("Directory provisioning (SCIM)", "Secret token"),
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_scim_pages_read_in_each_language(client, auth, users, language):
    users["admin"].locale = language  # an account's language wins over the browser's
    db.session.commit()
    auth.login("admin")
    listing, token_words = WORDS[language]
    made = client.post("/admin/scim", data={"name": f"Entra ID {language}"})
    assert token_words in made.get_data(as_text=True)
    page = client.get("/admin/scim").get_data(as_text=True)
    assert listing in page and f"Entra ID {language}" in page
    assert "/scim/v2" in page


def test_the_scim_pages_are_valid_html(client, auth, users, tmp_path):
    auth.login("admin")
    folder = tmp_path / "pages"  # the test's database lies beside it
    folder.mkdir()
    pages: dict = {}
    for name, response in (
        ("empty", client.get("/admin/scim")),
        ("token", client.post("/admin/scim", data={"name": "Entra ID"})),
        ("refused", client.post("/admin/scim", data={"name": ""})),
        ("listing", client.get("/admin/scim")),
        ("new-token", client.post("/admin/scim/1/token")),
    ):
        path = folder / f"{name}.html"
        path.write_text(response.get_data(as_text=True), encoding="utf-8")
        pages[path] = Page("admin", "GET", name, response.status_code)
    assert [page.status for page in pages.values()] == [200, 200, 400, 200, 200]
    assert vnu_problems(folder, pages) + skipped_heading_levels(pages) == []
