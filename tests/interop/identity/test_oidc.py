"""OpenID Connect sign-in against panva's oidc-provider (npm), shaped like Entra ID
(tid, oid, email and name in the ID token), in Debian's Chromium: the code flow with
PKCE end to end, accounts created just in time in the tenant's centre and found again
by subject, and ID tokens that must be refused."""

import json
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import func, select

from tests.helpers.app import PASSWORD
from tests.helpers.scim import GROUP_SCHEMA, Directory, new_directory
from tests.interop.identity.conftest import write_json
from tests.interop.identity.counterparts import app_server, dispose, node_server, serve_app
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User
from trainer.modules.accounts.operations import create_centre, set_password, update_user
from trainer.modules.identity import oidc
from trainer.modules.identity.models import IdentityLink
from trainer.modules.identity.operations import SignInRefused, sign_in_through
from trainer.modules.identity.providers import provider

KEY = "test-org"
ORGANISATION = "Test Organisation"
CLIENT = {"client_id": "trainer-app", "client_secret": "a-client-secret-for-the-tests-only"}
NORTH, WEST, OTHER_TENANT = "tenant-north-0001", "tenant-west-0002", "tenant-unknown-9999"


@dataclass
class World:
    app: object
    address: str
    issuer: str
    people: Path
    key: RSAKey

    def person(self, login: str, email: str, tid: str = NORTH) -> None:
        people = json.loads(self.people.read_text())
        people[login] = {
            "oid": f"oid-{login}",
            "tid": tid,
            "email": email,
            "name": login.title() + " Example",
        }
        write_json(self.people, people)


@pytest.fixture(scope="module")
def world(module_database, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc")
    key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"})
    people = folder / "people.json"
    write_json(people, {})
    with app_server() as (address, later):
        client = {
            **CLIENT,
            "redirect_uris": [f"{address}/sso/{KEY}/callback"],
            "post_logout_redirect_uris": [f"{address}/login"],
            "grant_types": ["authorization_code"],
            "response_types": ["code"],
        }
        config = {
            "client": client,
            "jwks": {"keys": [key.as_dict(private=True)]},
            "people": str(people),
        }
        with node_server("oidc_provider.mjs", config, folder) as issuer:
            providers = folder / "providers.json"
            write_json(
                providers,
                {
                    KEY: {
                        "type": "oidc",
                        "name": ORGANISATION,
                        "issuer": issuer,
                        **CLIENT,
                        "subject_claim": "oid",
                        # Centre West is the one a SCIM directory makes (see below).
                        "centres": {NORTH: "Centre North", WEST: "Centre West"},
                    }
                },
            )
            app = serve_app(later, address, module_database, providers)
            with app.app_context():
                create_centre("Centre North")
                create_centre("Centre South")
                db.session.commit()
            yield World(app, address, issuer, people, key)
            dispose(app)


def sign_in_at_provider(page, world: World, login: str) -> None:
    """From the service's sign-in page through the provider's own pages and back."""
    page.goto(f"{world.address}/login")
    page.click(f"text=Sign in with {ORGANISATION}")
    page.wait_for_url(f"{world.issuer}/interaction/**")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "anything")
    with page.expect_navigation():
        page.click("button[type=submit]")
    if page.url.startswith(world.issuer):  # the provider asks to consent once
        page.click("button[type=submit]")
    page.wait_for_url(f"{world.address}/**")
    page.wait_for_load_state()


def accounts_with(world: World, email_part: str) -> list[User]:
    with world.app.app_context():
        found = db.session.scalars(select(User).where(User.email.contains(email_part))).all()
        for user in found:
            _ = user.centre  # loaded before the context ends
        return list(found)


def user_count(world: World) -> int:
    with world.app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_first_sign_in_creates_a_learner_in_the_tenants_centre(world, page):
    world.person("alice", "alice@north.example")
    sign_in_at_provider(page, world, "alice")
    assert urlsplit(page.url).path == "/learn"
    [alice] = accounts_with(world, "alice@")
    assert (alice.name, alice.role, alice.centre.name) == (
        "Alice Example",
        "learner",
        "Centre North",
    )
    assert alice.password_hash is None and not alice.password_sign_in
    with world.app.app_context():
        link = db.session.scalar(select(IdentityLink).where(IdentityLink.user_id == alice.id))
        assert (link.provider, link.subject) == (KEY, "oid-alice")
        event = db.session.scalar(
            select(AuditEvent)
            .where(AuditEvent.action == "identity.signed_in")
            .where(AuditEvent.actor_id == alice.id)
        )
        assert event.detail == {"provider": KEY, "created": True}


def test_second_sign_in_finds_the_account_by_subject_even_with_a_new_email(world, page, browser):
    world.person("bob", "bob@north.example")
    sign_in_at_provider(page, world, "bob")
    [bob] = accounts_with(world, "bob@")
    before = user_count(world)

    world.person("bob", "robert@north.example")  # the directory changed his address
    again = browser.new_context(locale="en-GB").new_page()
    sign_in_at_provider(again, world, "bob")
    assert urlsplit(again.url).path == "/learn"
    again.context.close()
    assert user_count(world) == before
    [robert] = accounts_with(world, "robert@")
    assert robert.id == bob.id
    assert accounts_with(world, "bob@") == []


def test_a_person_the_directory_provisioned_signs_in_to_that_account(world, page):
    """SCIM creates the account (externalId: Entra ID's objectId) and the centre its
    group names; the first sign-in through the provider finds that account there."""
    with world.app.app_context():
        token = new_directory("Entra ID of the West")
    directory = Directory(world.app.test_client(), token)
    created = directory.create_user(
        "dana@west.example", externalId="oid-dana", displayName="Dana Provisioned"
    )
    group = {"schemas": [GROUP_SCHEMA], "displayName": "Centre West"}
    response = directory.post("/Groups", {**group, "members": [{"value": created["id"]}]})
    assert response.status_code == 201, response.get_data(as_text=True)
    before = user_count(world)

    world.person("dana", "dana@west.example", tid=WEST)
    sign_in_at_provider(page, world, "dana")
    assert urlsplit(page.url).path == "/learn"
    assert user_count(world) == before, "no second account"
    [dana] = accounts_with(world, "dana@")
    assert (dana.name, dana.centre.name) == ("Dana Provisioned", "Centre West")
    with world.app.app_context():
        link = db.session.scalar(select(IdentityLink).where(IdentityLink.user_id == dana.id))
        assert (link.provider, link.subject) == (KEY, "oid-dana")


def test_someone_whose_email_has_an_unlinked_account_is_not_joined_to_it(world, page):
    """The same e-mail at the provider does not make an existing account theirs."""
    with world.app.app_context():
        centre = db.session.scalar(select(Centre).where(Centre.name == "Centre South"))
        from trainer.modules.accounts.operations import create_user

        create_user(
            email="carol@north.example", name="Carol Local", centre=centre, password=PASSWORD
        )
        db.session.commit()
    world.person("carol", "carol@north.example")
    sign_in_at_provider(page, world, "carol")
    assert page.locator("h1").inner_text() == "Sign-in not completed"
    assert "exists here already" in page.locator("main").inner_text()
    with world.app.app_context():
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(IdentityLink)
                .where(IdentityLink.subject == "oid-carol")
            )
            == 0
        )


def test_an_unknown_tenant_is_refused_with_a_clear_page(world, page):
    world.person("mallory", "mallory@elsewhere.example", tid=OTHER_TENANT)
    before = user_count(world)
    sign_in_at_provider(page, world, "mallory")
    assert page.locator("h1").inner_text() == "Sign-in not completed"
    assert "not one this service knows" in page.locator("main").inner_text()
    assert user_count(world) == before
    with world.app.app_context():
        refusal = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "identity.sign_in_refused")
        ).all()[-1]
        assert refusal.detail == {"why": "unknown centre claim"}


def test_a_linked_account_signs_in_with_a_password_only_when_an_admin_allows_it(world, page):
    world.person("dave", "dave@north.example")
    sign_in_at_provider(page, world, "dave")
    [dave] = accounts_with(world, "dave@")
    with world.app.app_context():
        person = db.session.get(User, dave.id)
        set_password(person, PASSWORD)  # a reset link, say
        db.session.commit()
    client = world.app.test_client()
    refused = client.post("/login", data={"email": "dave@north.example", "password": PASSWORD})
    assert refused.status_code == 403
    assert "signs in through your organisation" in refused.get_data(as_text=True)

    with world.app.app_context():
        person = db.session.get(User, dave.id)
        update_user(
            person,
            actor_id=None,
            role=person.role,
            centre=person.centre,
            managed=[],
            is_active=True,
            password_sign_in=True,
        )
        db.session.commit()
    allowed = client.post("/login", data={"email": "dave@north.example", "password": PASSWORD})
    assert allowed.status_code == 302


def test_signing_out_ends_the_session_and_offers_the_providers_sign_out(world, page):
    world.person("erin", "erin@north.example")
    sign_in_at_provider(page, world, "erin")
    page.click(".user-menu summary")
    page.click("text=Sign out")
    page.wait_for_url(f"{world.address}/login")
    assert urlsplit(page.url).path == "/login"
    page.goto(f"{world.address}/learn")
    assert page.url.startswith(f"{world.address}/login?next=")
    page.goto(f"{world.address}/login")
    page.click(f"text=Sign out of {ORGANISATION} too")
    page.wait_for_url(f"{world.issuer}/**")
    page.click("button[autofocus]")  # the provider asks: sign out? yes
    page.wait_for_url(f"{world.address}/login**")
    assert f"Sign out of {ORGANISATION}" not in page.locator("main").inner_text()
    # The provider's session is gone: signing in asks for the login again.
    page.click(f"text=Sign in with {ORGANISATION}")
    page.wait_for_url(f"{world.issuer}/interaction/**")
    assert page.locator("input[name=login]").is_visible()


def test_the_provider_refuses_a_request_without_pkce(world):
    metadata = requests.get(f"{world.issuer}/.well-known/openid-configuration", timeout=10).json()
    answer = requests.get(
        metadata["authorization_endpoint"],
        params={
            "client_id": CLIENT["client_id"],
            "redirect_uri": f"{world.address}/sso/{KEY}/callback",
            "response_type": "code",
            "scope": "openid",
            "state": "s",
            "nonce": "n",
        },
        allow_redirects=False,
        timeout=10,
    )
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["error"] == ["invalid_request"]
    assert "requires PKCE" in query["error_description"][0]


def _id_token(key: RSAKey, world: World, **changes) -> str:
    now = int(time.time())
    claims = {
        "iss": world.issuer,
        "sub": "forged",
        "oid": "oid-forged",
        "tid": NORTH,
        "aud": CLIENT["client_id"],
        "iat": now,
        "exp": now + 300,
        "nonce": "the-nonce",
        "email": "forged@north.example",
        "name": "Forged Person",
    }
    claims.update(changes)
    return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


REFUSALS = {
    "wrong audience": ({"aud": "another-app"}, "meant for another service"),
    "wrong nonce": ({"nonce": "someone-elses"}, "does not answer this browser's request"),
    "expired": ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "expired"),
    "bad signature": ({}, "signature is not right"),
}


@pytest.mark.parametrize("reason", REFUSALS)
def test_an_id_token_that_fails_a_check_is_refused_and_nothing_is_created(world, reason):
    changes, words = REFUSALS[reason]
    signer = (
        RSAKey.generate_key(2048, parameters={"kid": "test-key"})
        if reason == "bad signature"
        else world.key
    )
    token = {
        "id_token": _id_token(signer, world, **changes),
        "access_token": "at",
        "token_type": "Bearer",
    }
    before = user_count(world)
    with world.app.test_request_context(headers={"Accept-Language": "en"}):
        with pytest.raises(SignInRefused) as refused:
            chosen = provider(KEY, "oidc")
            claims = oidc.checked_claims(chosen, token, "the-nonce")
            sign_in_through(chosen, oidc.person(chosen, claims), "en")
        db.session.commit()  # the refusal's audit event, as the view commits it
    assert words in str(refused.value)
    assert user_count(world) == before
    assert accounts_with(world, "forged@") == []
    with world.app.app_context():
        last = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (last.action, last.detail) == ("identity.sign_in_refused", {"why": reason})


def test_a_well_formed_id_token_passes_the_same_checks(world):
    """The checks above refuse for the reason named, not for anything else."""
    token = {"id_token": _id_token(world.key, world), "access_token": "at"}
    with world.app.test_request_context(headers={"Accept-Language": "en"}):
        claims = oidc.checked_claims(provider(KEY, "oidc"), token, "the-nonce")
    assert (claims["oid"], claims["email"]) == ("oid-forged", "forged@north.example")


def test_a_callback_that_answers_no_request_is_refused(world):
    client = world.app.test_client()
    answer = client.get(f"/sso/{KEY}/callback?code=made-up&state=made-up")
    assert answer.status_code == 403
    assert "Sign-in not completed" in answer.get_data(as_text=True)
