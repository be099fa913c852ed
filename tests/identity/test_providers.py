"""The identity providers' file: what it may say, and a clear stop at start when it is
wrong; the sign-in page's buttons."""

import json

import pytest

from trainer.config import ConfigError
from trainer.modules.identity.providers import read_providers

ENTRA = {
    "type": "oidc",
    "name": "Suomen Punainen Risti",
    "issuer": "https://login.microsoftonline.com/tenant-a/v2.0",
    "client_id": "app",
    "client_secret": "secret",
    "subject_claim": "oid",
    "centres": {"tenant-a": "Centre A", "tenant-b": "Centre B"},
}


def write(tmp_path, providers) -> object:
    path = tmp_path / "providers.json"
    path.write_text(json.dumps(providers))
    return path


def test_a_provider_maps_each_tenant_to_its_centre(tmp_path):
    [entra] = read_providers(write(tmp_path, {"spr": ENTRA})).values()
    assert entra.centre_name({"tid": "tenant-b"}) == "Centre B"
    assert entra.centre_name({"tid": "tenant-x"}) is None
    assert entra.centre_name({}) is None


@pytest.mark.parametrize(
    ("providers", "words"),
    [
        ({"Bad Key": ENTRA}, "lower-case letters"),
        ({"spr": {**ENTRA, "type": "ldap"}}, "'type' must be"),
        ({"spr": {**ENTRA, "issuer": "http://idp.example.org"}}, "https://"),
        ({"spr": {k: v for k, v in ENTRA.items() if k != "client_secret"}}, "client_secret"),
        ({"spr": {k: v for k, v in ENTRA.items() if k != "centres"}}, "'centre'"),
        (
            {"fi": {"type": "saml", "name": "Suomi.fi", "centre": "A", "idp_metadata": "nope.xml"}},
            "not a file",
        ),
        ([], "an object of providers"),
    ],
)
def test_a_wrong_file_stops_the_start_naming_what_is_wrong(tmp_path, providers, words):
    with pytest.raises(ConfigError, match="TRAINER_IDENTITY_PROVIDERS") as error:
        read_providers(write(tmp_path, providers))
    assert words in str(error.value)


def test_an_unreadable_file_stops_the_start(tmp_path):
    (tmp_path / "providers.json").write_text("{not json")
    with pytest.raises(ConfigError, match="cannot read"):
        read_providers(tmp_path / "providers.json")


@pytest.fixture
def app_settings(tmp_path):
    return {"IDENTITY_PROVIDERS": str(write(tmp_path, {"spr": ENTRA}))}


def test_the_sign_in_page_offers_each_organisation_beside_the_password_form(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'href="/sso/spr/start"' in page
    assert "Sign in with Suomen Punainen Risti" in page
    assert 'name="password"' in page


def test_without_providers_the_sign_in_page_is_the_password_form_alone(app, client):
    app.extensions["identity_providers"] = {}
    page = client.get("/login").get_data(as_text=True)
    assert "/sso/" not in page and "Or with your e-mail" not in page


def test_deleting_a_person_unlinks_them_from_their_provider(app, users):
    """A later sign-in through the provider must not find the anonymised account."""
    from sqlalchemy import select

    from trainer.extensions import db
    from trainer.modules.identity.models import IdentityLink
    from trainer.modules.privacy.operations import delete_person, export_person

    learner = users["learner"]
    db.session.add(IdentityLink(user=learner, provider="spr", subject="oid-1"))
    db.session.flush()
    assert export_person(learner, users["admin"].id)["identity_providers"][0]["subject"] == "oid-1"
    delete_person(learner, users["admin"].id)
    db.session.commit()
    assert db.session.scalars(select(IdentityLink)).all() == []


def test_an_admin_closes_and_reopens_password_sign_in_with_an_audit_event(client, auth, users):
    from sqlalchemy import select

    from trainer.core.audit import AuditEvent
    from trainer.extensions import db

    learner = users["learner"]
    auth.login("admin")
    form = {"role": "learner", "centre": learner.centre_id, "is_active": "y"}
    assert client.post(f"/admin/users/{learner.id}", data=form).status_code == 302
    assert client.post("/logout").status_code == 302
    refused = auth.login("learner")
    assert refused.status_code == 403
    assert "signs in through your organisation" in refused.get_data(as_text=True)
    auth.login("admin")
    allowed = {**form, "password_sign_in": "y"}
    assert client.post(f"/admin/users/{learner.id}", data=allowed).status_code == 302
    client.post("/logout")
    assert auth.login("learner").status_code == 302
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("account.password_%"))
    ).all()
    assert actions == ["account.password_closed", "account.password_allowed"]
