"""SAML 2.0 sign-in against a samlify (npm) identity provider shaped like Suomi.fi, in
Debian's Chromium (Python's requests mangles the cookies such servers set): a signed
AuthnRequest, a signed and encrypted assertion, Suomi.fi's attributes; the personal
identity code never stored; unsigned, unencrypted, replayed and forged answers refused."""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from lxml import etree
from sqlalchemy import func, select

from tests.interop.identity.conftest import write_json
from tests.interop.identity.counterparts import app_server, dispose, node_server, serve_app
from tests.interop.identity.keys import certificate_body, key_and_certificate
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.accounts.operations import create_centre
from trainer.modules.identity.models import IdentityLink

KEY, FORGED = "suomifi", "suomifi-forged"
IDENTITY_CODE = "010101-999X"  # invented: the century sign and checksum of no real person
PERSON = {"identityCode": IDENTITY_CODE, "givenName": "Liisa", "surname": "Virtanen",
          "mail": "liisa.virtanen@example.fi"}  # fmt: skip
MD = "{urn:oasis:names:tc:SAML:2.0:metadata}"


@dataclass
class World:
    app: object
    address: str
    idp: str
    behaviour: Path

    def behave(self, person: dict = PERSON, *, sign: bool = True, encrypt: bool = True) -> None:
        write_json(self.behaviour, {"person": person, "signAssertion": sign, "encrypt": encrypt})


@pytest.fixture(scope="module")
def world(module_database, tmp_path_factory):
    folder = tmp_path_factory.mktemp("saml")
    idp_key, idp_certificate = key_and_certificate("Suomi.fi test IdP")
    sp_key, sp_certificate = key_and_certificate("trainer test SP")
    _, stranger = key_and_certificate("someone else")
    (folder / "sp.key").write_text(sp_key)
    (folder / "sp.crt").write_text(sp_certificate)
    behaviour = folder / "behaviour.json"
    with app_server() as (address, later):
        config = {"key": idp_key, "certificate": idp_certificate, "app": address,
                  "behaviour": str(behaviour)}  # fmt: skip
        with node_server("saml_idp.mjs", config, folder) as idp:
            metadata = requests.get(f"{idp}/metadata", timeout=10).text
            (folder / "idp.xml").write_text(metadata)
            forged = metadata.replace(certificate_body(idp_certificate), certificate_body(stranger))
            (folder / "forged-idp.xml").write_text(forged)
            common = {"type": "saml", "sp_certificate": "sp.crt", "sp_key": "sp.key",
                      "pseudonym_secret": "a-pseudonym-secret-for-the-tests", "centre": "Centre West"}  # fmt: skip
            write_json(
                folder / "providers.json",
                {
                    KEY: {**common, "name": "Suomi.fi", "idp_metadata": "idp.xml"},
                    FORGED: {**common, "name": "Forged Suomi.fi", "idp_metadata": "forged-idp.xml"},
                },
            )
            app = serve_app(later, address, module_database, folder / "providers.json")
            with app.app_context():
                create_centre("Centre West")
                db.session.commit()
            world = World(app, address, idp, behaviour)
            world.behave()
            yield world
            dispose(app)


def sign_in(page, world: World, organisation: str = "Suomi.fi") -> dict:
    """Through the provider's page and back; returns the form it posted to us."""
    posted: dict = {}

    def keep(request) -> None:
        if request.method == "POST" and "/acs" in request.url:
            posted.update({k: v[0] for k, v in parse_qs(request.post_data).items()})
            posted["url"] = request.url

    page.on("request", keep)
    page.goto(f"{world.address}/login")
    page.click(f"text=Sign in with {organisation}")
    page.wait_for_url(f"{world.idp}/sso**")
    page.click("text=Jatka palveluun")
    page.wait_for_url(f"{world.address}/**")
    page.wait_for_load_state()
    return posted


def users(world: World) -> int:
    with world.app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def last_refusal(world: World) -> dict:
    with world.app.app_context():
        event = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "identity.sign_in_refused")
            .order_by(AuditEvent.id.desc())
        ).first()
        return event.detail if event else {}


def everything_stored(world: World) -> str:
    """Every row of every table, as text."""
    with world.app.app_context():
        return "\n".join(
            repr(row) for table in db.metadata.sorted_tables
            for row in db.session.execute(select(table)).all()
        )  # fmt: skip


def test_the_service_providers_metadata_asks_for_signed_and_encrypted_assertions(world):
    answer = requests.get(f"{world.address}/sso/{KEY}/metadata", timeout=10)
    assert answer.headers["Content-Type"].startswith("application/samlmetadata+xml")
    root = etree.fromstring(answer.content)
    assert root.get("entityID") == f"{world.address}/sso/{KEY}/metadata"
    sp = root.find(f"{MD}SPSSODescriptor")
    assert (sp.get("AuthnRequestsSigned"), sp.get("WantAssertionsSigned")) == ("true", "true")
    uses = {key.get("use") for key in sp.findall(f"{MD}KeyDescriptor")}
    assert uses == {"signing", "encryption"}
    acs = sp.find(f"{MD}AssertionConsumerService")
    assert acs.get("Location") == f"{world.address}/sso/{KEY}/acs"


def test_first_sign_in_creates_the_person_and_never_stores_the_identity_code(world, page):
    world.behave()
    sign_in(page, world)
    assert urlsplit(page.url).path == "/learn"
    with world.app.app_context():
        person = db.session.scalar(select(User).where(User.email == PERSON["mail"]))
        assert (person.name, person.role, person.centre.name) == (
            "Liisa Virtanen", "learner", "Centre West")  # fmt: skip
        link = db.session.scalar(select(IdentityLink).where(IdentityLink.user_id == person.id))
        assert link.provider == KEY and link.subject.startswith("pseudonym:")
    stored = everything_stored(world)
    assert IDENTITY_CODE not in stored and IDENTITY_CODE.replace("-", "") not in stored


def test_a_second_sign_in_with_a_new_name_id_finds_the_same_account(world, page, browser):
    world.behave()
    sign_in(page, world)
    before = users(world)
    again = browser.new_context(locale="en-GB").new_page()
    world.behave({**PERSON, "mail": "liisa@uusi.example.fi"})
    sign_in(again, world)
    assert urlsplit(again.url).path == "/learn"
    again.context.close()
    assert users(world) == before
    with world.app.app_context():
        moved = db.session.scalar(select(User).where(User.email == "liisa@uusi.example.fi"))
        assert moved is not None and moved.name == "Liisa Virtanen"


def test_a_replayed_response_is_refused(world, page):
    world.behave({**PERSON, "identityCode": "020202-998Y", "mail": "replay@example.fi"})
    posted = sign_in(page, world)
    assert urlsplit(page.url).path == "/learn"
    client = world.app.test_client()
    url = posted.pop("url")
    answer = client.post(url, data=posted, csrf=False)  # as the browser did, host and all
    assert answer.status_code == 403
    assert "has been used already" in answer.get_data(as_text=True)
    assert last_refusal(world) == {"why": "replayed"}


@pytest.mark.parametrize(
    ("behaviour", "reason", "words"),
    [
        ({"sign": False}, "signature not valid", "not signed as required"),
        ({"encrypt": False}, "assertion not encrypted", "not encrypted as required"),
    ],
    ids=["unsigned assertion", "unencrypted assertion"],
)
def test_an_assertion_not_signed_or_not_encrypted_is_refused(world, page, behaviour, reason, words):
    code = "030303-997A"
    world.behave({**PERSON, "identityCode": code, "mail": "refused@example.fi"}, **behaviour)
    before = users(world)
    sign_in(page, world)
    assert page.locator("h1").inner_text() == "Sign-in not completed"
    assert words in page.locator("main").inner_text()
    assert users(world) == before
    assert last_refusal(world) == {"why": reason}
    assert code not in everything_stored(world)


def test_an_answer_signed_with_another_certificate_is_refused(world, page):
    """The provider's metadata (here: a forged copy) names the only key we believe."""
    world.behave({**PERSON, "identityCode": "040404-996B", "mail": "forged@example.fi"})
    before = users(world)
    sign_in(page, world, "Forged Suomi.fi")
    assert page.locator("h1").inner_text() == "Sign-in not completed"
    assert users(world) == before
    assert last_refusal(world) == {"why": "signature not valid"}


def test_an_answer_to_no_request_of_ours_is_refused(world):
    client = world.app.test_client()
    answer = client.post(
        f"/sso/{KEY}/acs", data={"SAMLResponse": "PHg+", "RelayState": "x.y"}, csrf=False
    )
    assert answer.status_code == 403
    assert "answers no request of ours" in answer.get_data(as_text=True)


def test_signing_out_offers_suomi_fis_single_logout(world, page):
    world.behave({**PERSON, "identityCode": "050505-995C", "mail": "logout@example.fi"})
    sign_in(page, world)
    page.click(".user-menu summary")
    page.click("text=Sign out")
    page.wait_for_url(f"{world.address}/login")
    page.click("text=Sign out of Suomi.fi too")
    page.wait_for_url(f"{world.address}/login")
    assert "You have signed out of Suomi.fi too." in page.locator("main").inner_text()
    assert "Sign out of Suomi.fi too" not in page.locator("main").inner_text()


def test_a_sign_out_suomi_fi_starts_ends_the_session_here(world, page):
    world.behave({**PERSON, "identityCode": "060606-994D", "mail": "elsewhere@example.fi"})
    sign_in(page, world)
    assert urlsplit(page.url).path == "/learn"
    page.goto(f"{world.idp}/initiate-logout")  # signed out of another service
    page.wait_for_url(f"{world.idp}/slo?**")
    assert page.locator("body").inner_text() == "signed out: verified"  # our signed answer
    page.goto(f"{world.address}/learn")
    assert urlsplit(page.url).path == "/login"
