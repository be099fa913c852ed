"""Every authoring page is for trainers and admins only."""

import pytest

from tests.helpers.authoring import CHECK_URL

PAGES = (
    "/authoring/",
    "/authoring/preview/fi/recognising",
    "/authoring/preview/sv/recognising/definition",
    "/authoring/preview/en/helping/quiz",
    "/authoring/compare/recognising",
    "/authoring/statistics/recognising",
    "/authoring/statistics/recognising?attempts=all",
    "/authoring/statistics/recognising/export.csv",
    CHECK_URL,
    "/authoring/guide",
)


def test_the_list_covers_every_authoring_route(app):
    rules = {r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("authoring.")}
    assert len(rules) == 9
    covered = {page.split("?")[0] for page in PAGES}
    assert len(covered) == len(rules)


@pytest.mark.parametrize("role", ["learner", "manager"])
@pytest.mark.parametrize("page", PAGES)
def test_learners_and_managers_get_403(client, auth, users, role, page):
    auth.login(role)
    response = client.get(page)
    assert response.status_code == 403
    assert "Not allowed" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["learner", "manager"])
def test_learners_and_managers_cannot_send_a_file_to_check(client, auth, users, role):
    auth.login(role)
    assert client.post(CHECK_URL, data={"language": "fi", "text": "x"}).status_code == 403


@pytest.mark.parametrize("role", ["trainer", "admin"])
@pytest.mark.parametrize("page", PAGES)
def test_trainers_and_admins_see_every_page(client, auth, users, role, page):
    auth.login(role)
    assert client.get(page).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_signed_out_visitors_are_sent_to_sign_in(client, page):
    response = client.get(page)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    "page",
    [
        "/authoring/preview/de/recognising",
        "/authoring/preview/fi/no-such-module",
        "/authoring/preview/fi/recognising/no-such-lesson",
        "/authoring/compare/no-such-module",
        "/authoring/statistics/no-such-module",
        "/authoring/statistics/recognising?attempts=some",
    ],
)
def test_unknown_languages_modules_and_lessons_are_404(trainer, page):
    assert trainer.get(page).status_code == 404
