"""identity's pages: valid HTML (the W3C's checker) with every part shown, and its audit
events in the admin's language."""

import json
from html import unescape

import pytest

from tests.test_valid_html import vnu_command, vnu_problems
from trainer.modules.identity.sign_out import OFFER

# A provider on a closed port: its sign-in fails at once, without the network.
UNREACHABLE = {
    "type": "oidc",
    "name": "Vastaanottokeskusten Tuki ry",
    "issuer": "http://127.0.0.1:9/nowhere",
    "client_id": "app",
    "client_secret": "secret",
    "centre": "Centre A",
}


@pytest.fixture
def app_settings(tmp_path):
    path = tmp_path / "providers.json"
    path.write_text(json.dumps({"tuki": UNREACHABLE}))
    return {"IDENTITY_PROVIDERS": str(path)}


def test_the_sign_in_pages_are_valid_html(client, auth, users, tmp_path):
    vnu_command()  # a clear skip (or failure in CI) when the checker is missing
    pages = {
        "login.html": client.get("/login"),
        "refused.html": client.get("/sso/tuki/start"),
    }
    with client.session_transaction() as session:
        session[OFFER] = {"provider": "tuki", "kind": "oidc"}
    pages["login-after-sign-out.html"] = client.get("/login")
    auth.login("admin")
    pages["user-edit.html"] = client.get(f"/admin/users/{users['learner'].id}")
    assert [page.status_code for page in pages.values()] == [200, 403, 200, 200]
    assert "Sign out of Vastaanottokeskusten Tuki ry too" in unescape(
        pages["login-after-sign-out.html"].get_data(as_text=True)
    )
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, page in pages.items():
        (folder / name).write_text(page.get_data(as_text=True))
    assert vnu_problems(folder, {}) == []


def test_a_refused_sign_in_reads_in_the_admins_language(client, auth, users):
    assert client.get("/sso/tuki/start").status_code == 403
    auth.login("admin")
    client.post("/language", data={"locale": "fi"})
    page = unescape(client.get("/admin/audit").get_data(as_text=True))
    assert (
        "Kirjautuminen tunnistuspalvelun tuki kautta hylättiin: "
        "tunnistuspalveluun ei saatu yhteyttä."
    ) in page
