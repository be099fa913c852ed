"""LTI 1.3 launches into the course: from lti-provider-mock in Chromium, and refusals of
tokens that must not be trusted (nothing created, a clear message)."""

import json
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from jwcrypto.jwk import JWK
from jwcrypto.jwt import JWT
from sqlalchemy import func, select

from tests.helpers.app import PASSWORD, AuthActions, Client
from tests.helpers.progress import read, sit_quiz
from tests.interop.lti.conftest import CENTRE, MOCK_CLIENT_ID
from trainer.extensions import db
from trainer.modules.accounts.models import User, user_by_email
from trainer.modules.accounts.operations import create_user
from trainer.modules.courses import catalogue
from trainer.modules.interop.lti import AGS_CLAIM, CLAIM, SCORE_SCOPE
from trainer.modules.interop.lti_models import LtiAccount, LtiPlatform
from trainer.modules.learning.operations import complete_course_if_done

TOOL_CLIENT_ID = "trainer-tool"
KID = "test-platform"  # the kid of the test platform's key
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"


def account_of(app, issuer: str, subject: str) -> LtiAccount | None:
    with app.app_context():
        return db.session.scalar(
            select(LtiAccount)
            .join(LtiPlatform)
            .where(LtiPlatform.issuer == issuer, LtiAccount.subject == subject)
        )


def english_client(app):
    """A client whose browser asks for English, so messages read as written here."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(User)),
            db.session.scalar(select(func.count()).select_from(LtiAccount)),
        )


def test_a_launch_from_the_platform_lands_a_new_learner_in_the_course(
    browser, lti_app, mock_platform
):
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    page.goto(f"{mock_platform}/courses/course-1")  # the mock asks who is signing in
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{lti_app.config['LIVE_URL']}/learn*")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator("h1").first.is_visible()
    context.close()
    account = account_of(lti_app, mock_platform, "mock-user-17")
    assert account is not None
    with lti_app.app_context():
        user = db.session.get(User, account.user_id)
        assert (user.name, user.role, user.centre.name) == ("Aino Virtanen", "learner", CENTRE)


# Tokens the mock never makes, signed by the test platform's key.


def start_login(client, issuer: str, client_id: str = TOOL_CLIENT_ID) -> dict[str, str]:
    """The OIDC login a platform starts; the state and nonce it gets back."""
    response = client.post(
        "/interop/lti/login",
        data={
            "iss": issuer,
            "login_hint": "hint-1",
            "client_id": client_id,
            "target_link_uri": "http://localhost/interop/lti/launch",
            "lti_deployment_id": "1",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["client_id"] == [client_id]
    return {"state": query["state"][0], "nonce": query["nonce"][0]}


def id_token(key: JWK, issuer: str, nonce: str, /, **claims) -> str:
    now = int(time.time())
    body = {
        "iss": issuer,
        "aud": TOOL_CLIENT_ID,
        "sub": "person-1",
        "nonce": nonce,
        "iat": now,
        "exp": now + 300,
        "name": "Saga Lind",
        "email": "saga@example.org",
        CLAIM + "deployment_id": "1",
        CLAIM + "version": "1.3.0",
        CLAIM + "message_type": "LtiResourceLinkRequest",
        CLAIM + "resource_link": {"id": "link-1"},
        CLAIM + "roles": [INSTRUCTOR],
        CLAIM + "context": {"id": "ctx-1", "title": "Kurs"},
        CLAIM + "launch_presentation": {"locale": "sv-FI"},
        **claims,
    }
    token = JWT(header={"kid": KID, "alg": "RS256"}, claims=json.dumps(body))
    token.make_signed_token(key)
    return token.serialize()


def launch(client, state: str, token: str):
    return client.post("/interop/lti/launch", data={"state": state, "id_token": token})


@pytest.fixture
def platform(test_platform):
    return test_platform


def test_a_launch_maps_role_and_language_and_finds_the_person_again_by_sub(lti_app, platform):
    signer, issuer = platform
    client = english_client(lti_app)
    started = start_login(client, issuer)
    response = launch(client, started["state"], id_token(signer.key, issuer, started["nonce"]))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/learn")
    page = client.get("/learn").get_data(as_text=True)
    assert '<html lang="sv"' in page
    first = account_of(lti_app, issuer, "person-1")
    with lti_app.app_context():
        user = db.session.get(User, first.user_id)
        assert (user.role, user.locale, user.email) == ("trainer", "sv", "saga@example.org")
    # Next time, in English and with another e-mail: the same account.
    again = english_client(lti_app)
    started = start_login(again, issuer)
    token = id_token(
        signer.key,
        issuer,
        started["nonce"],
        email="saga.lind@example.org",
        **{CLAIM + "launch_presentation": {"locale": "en-GB"}},
    )
    assert launch(again, started["state"], token).status_code == 302
    assert account_of(lti_app, issuer, "person-1").user_id == first.user_id
    with lti_app.app_context():
        assert db.session.get(User, first.user_id).locale == "en"


def test_an_e_mail_alone_never_links_to_an_existing_account(lti_app, platform):
    signer, issuer = platform
    with lti_app.app_context():
        create_user(email="owner@example.org", name="Owner")
        db.session.commit()
    client = english_client(lti_app)
    started = start_login(client, issuer)
    token = id_token(
        signer.key, issuer, started["nonce"], sub="stranger", email="owner@example.org"
    )
    assert launch(client, started["state"], token).status_code == 302
    with lti_app.app_context():
        owner = user_by_email("owner@example.org")
        stranger = db.session.get(User, account_of(lti_app, issuer, "stranger").user_id)
        assert stranger.id != owner.id
        assert stranger.email.endswith("@lti.invalid")


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("forged", "Signature verification failed"),
        ("expired", "Signature has expired"),
        ("wrong nonce", "Invalid Nonce"),
        ("wrong audience", "Registration not found"),
    ],
)
def test_an_untrustworthy_launch_is_refused_and_creates_nothing(lti_app, platform, case, reason):
    signer, issuer = platform
    client = english_client(lti_app)
    started = start_login(client, issuer)
    key, claims = signer.key, {"sub": f"refused-{case}"}
    if case == "forged":
        key = JWK.generate(kty="RSA", size=2048, kid=KID)
    elif case == "expired":
        claims.update(iat=int(time.time()) - 900, exp=int(time.time()) - 600)
    elif case == "wrong nonce":
        claims.update(nonce="a-nonce-this-tool-never-gave")
    else:
        claims.update(aud="another-tool")
    before = counts(lti_app)
    response = launch(client, started["state"], id_token(key, issuer, started["nonce"], **claims))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "The launch was refused" in page and reason in page
    assert counts(lti_app) == before
    assert client.get("/learn").status_code == 302  # not signed in


def test_a_replayed_launch_is_refused(lti_app, platform):
    signer, issuer = platform
    client = english_client(lti_app)
    started = start_login(client, issuer)
    token = id_token(signer.key, issuer, started["nonce"], sub="replayed")
    assert launch(client, started["state"], token).status_code == 302
    replay = launch(english_client(lti_app), started["state"], token)
    assert replay.status_code == 400
    assert "Invalid Nonce" in replay.get_data(as_text=True) or "State not found" in replay.get_data(
        as_text=True
    )


def test_the_tool_publishes_its_key_at_a_stable_address(lti_app):
    keys = english_client(lti_app).get("/interop/lti/jwks.json").get_json()["keys"]
    pem = Path(lti_app.config["LTI_KEY_FILE"]).read_bytes()
    assert keys == [{**JWK.from_pem(pem).export_public(as_dict=True), "alg": "RS256", "use": "sig"}]


def test_a_completed_course_goes_back_to_the_platform_that_offers_ags(lti_app, platform):
    signer, issuer = platform
    client = english_client(lti_app)
    started = start_login(client, issuer)
    ags = {"scope": [SCORE_SCOPE], "lineitem": f"{issuer}/lineitems/7"}
    token = id_token(signer.key, issuer, started["nonce"], sub="finisher", **{AGS_CLAIM: ags})
    assert launch(client, started["state"], token).status_code == 302
    with lti_app.test_request_context():
        user = db.session.get(User, account_of(lti_app, issuer, "finisher").user_id)
        course = catalogue().course("fi")
        for module in course.modules:
            read(user, module.id, *(lesson.id for lesson in module.lessons))
            sit_quiz(user, module.id, 100.0)
        assert complete_course_if_done(user.id, course)
        db.session.commit()
    result = lti_app.test_cli_runner().invoke(args=["lti", "send"])
    assert result.output.startswith("1 sent"), result.output
    [claims] = signer.assertions
    assert (claims["iss"], claims["sub"], claims["aud"]) == (
        TOOL_CLIENT_ID,
        TOOL_CLIENT_ID,
        f"{issuer}/token",
    )
    [(authorization, score)] = signer.scores
    assert authorization == "Bearer token-for-scores"
    assert score["userId"] == "finisher"
    assert (score["scoreGiven"], score["scoreMaximum"]) == (1, 1)
    assert (score["activityProgress"], score["gradingProgress"]) == ("Completed", "FullyGraded")


def test_an_unknown_platform_s_login_is_refused(lti_app):
    response = english_client(lti_app).post(
        "/interop/lti/login",
        data={"iss": "https://lms.example.org", "login_hint": "x", "client_id": MOCK_CLIENT_ID},
    )
    assert response.status_code == 400
    assert "Could not find registration details" in response.get_data(as_text=True)


def test_a_context_mapped_to_a_centre_puts_its_people_there(lti_app, platform):
    signer, issuer = platform
    with lti_app.app_context():
        from trainer.modules.accounts.operations import create_centre

        create_centre("Keskus B")
        db.session.commit()
    runner = lti_app.test_cli_runner()
    mapping = ["lti", "map-context", "--issuer", issuer, "--client-id", TOOL_CLIENT_ID]
    result = runner.invoke(args=[*mapping, "--context", "ctx-b", "--centre", "Keskus B"])
    assert result.exit_code == 0, result.output
    unknown = runner.invoke(args=[*mapping, "--context", "ctx-c", "--centre", "Nowhere"])
    assert unknown.exit_code == 1
    assert "No centre is named 'Nowhere'." in unknown.output
    client = english_client(lti_app)
    started = start_login(client, issuer)
    context = {CLAIM + "context": {"id": "ctx-b", "title": "Kurs B"}}
    token = id_token(signer.key, issuer, started["nonce"], sub="in-centre-b", **context)
    assert launch(client, started["state"], token).status_code == 302
    with lti_app.app_context():
        user = db.session.get(User, account_of(lti_app, issuer, "in-centre-b").user_id)
        assert user.centre.name == "Keskus B"


def test_the_admin_page_gives_the_tool_s_addresses_and_lists_the_platforms(lti_app, platform):
    _signer, issuer = platform
    with lti_app.app_context():
        create_user(email="lti-admin@example.org", name="Admin", role="admin", password=PASSWORD)
        db.session.commit()
    client = Client(lti_app, lti_app.response_class)  # sends the forms' CSRF tokens
    assert AuthActions(client).login("lti-admin@example.org").status_code == 302
    page = client.get("/interop/lti").get_data(as_text=True)
    assert "http://localhost/interop/lti/launch" in page
    assert "http://localhost/interop/lti/jwks.json" in page
    assert f"<code>{issuer}</code>" in page and CENTRE in page
