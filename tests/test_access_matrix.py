"""Every route in the URL map, for every role: who gets in, who is refused, and how.

A new route fails this test until it is given an access rule here, so none ships
unchecked. Objects in URLs belong to centre A; a second test swaps in centre B's.
"""

import re

import pytest

from tests.helpers.app import PASSWORD, AuthActions
from tests.helpers.certificates import issue_for
from tests.helpers.quizzes import start_attempt
from trainer.extensions import db
from trainer.modules.accounts.operations import create_user

ROLES = ("anonymous", "learner", "trainer", "manager", "admin")
EVERYONE = "everyone"
SIGNED_IN = "signed in"
ALLOWED = {200, 302, 400, 409, 410}

RULES: dict[str, object] = {
    "static": EVERYONE,
    "health.healthz": EVERYONE,
    "courses.image": EVERYONE,
    "accounts.login": EVERYONE,
    "accounts.switch_language": EVERYONE,
    "accounts.forgot_password": EVERYONE,
    "accounts.set_password": EVERYONE,
    "accounts.choose_password": EVERYONE,
    "certificates.verify": EVERYONE,
    "certificates.verify_code": EVERYONE,
    "certificates.verify_credential": EVERYONE,
    "certificates.issuer_profile_document": EVERYONE,
    "certificates.status_list": EVERYONE,
    # A visitor reads the front page; signed in, it leads to each role's start.
    "home": EVERYONE,
    "about.privacy": EVERYONE,
    "about.accessibility": EVERYONE,
    "about.logo": EVERYONE,
    # Signing in through an organisation's provider (none is set up here: 404).
    "identity.start": EVERYONE,
    "identity.oidc_callback": EVERYONE,
    "identity.sign_out_at_provider": EVERYONE,
    "identity.saml_metadata": EVERYONE,
    "identity.saml_acs": EVERYONE,
    "identity.saml_sls": EVERYONE,
    # A learning platform's OIDC login and launch (refused without a valid token), our JWKS.
    "interop.lti_login": EVERYONE,
    "interop.lti_launch": EVERYONE,
    "interop.lti_jwks": EVERYONE,
    "accounts.logout": SIGNED_IN,
    "accounts.account": SIGNED_IN,
    "accounts.account_language": SIGNED_IN,
    "accounts.account_password": SIGNED_IN,
    "learning.course": SIGNED_IN,
    "learning.module": SIGNED_IN,
    "learning.lesson": SIGNED_IN,
    "learning.lesson_done": SIGNED_IN,
    "learning.choose": SIGNED_IN,
    "quizzes.quiz": SIGNED_IN,
    "quizzes.start": SIGNED_IN,
    "certificates.mine": SIGNED_IN,
    "certificates.completed": SIGNED_IN,
    "evaluation.form": SIGNED_IN,
    "evaluation.decline": SIGNED_IN,
    "cycles.mine": SIGNED_IN,
    # Objects: the attempt is the learner's; the certificate the learner's in centre A.
    "quizzes.attempt": {"learner"},
    "quizzes.submit": {"learner"},
    "certificates.download": {"learner", "manager", "admin"},
    "certificates.credential_download": {"learner", "manager", "admin"},
    "certificates.ready": {"learner", "manager", "admin"},
    "certificates.reissue": {"learner"},  # the holder's own, and no one else's
    "certificates.revoke": {"manager", "admin"},
    "certificates.centres": {"manager", "admin"},
    "certificates.centre": {"manager", "admin"},
    "certificates.centre_zip": {"manager", "admin"},
    "accounts.import_people": {"manager", "admin"},
    "accounts.confirm_import": {"manager", "admin"},
    "accounts.send_invitation": {"manager", "admin"},
    "accounts.invitation_status": {"manager", "admin"},
    "reports.dashboard": {"manager", "admin"},
    "reports.export": {"manager", "admin"},
    "reports.due_dates": {"manager", "admin"},
    "reports.person": {"manager", "admin"},
    "reports.person_due_date": {"manager", "admin"},
    "cycles.person": {"manager", "admin"},
    "reports.centre_due_date": {"manager", "admin"},
    "authoring.index": {"trainer", "admin"},
    "authoring.check": {"trainer", "admin"},
    "authoring.guide": {"trainer", "admin"},
    "authoring.compare": {"trainer", "admin"},
    "authoring.preview_module": {"trainer", "admin"},
    "authoring.preview_lesson": {"trainer", "admin"},
    "authoring.preview_quiz": {"trainer", "admin"},
    "authoring.statistics": {"trainer", "admin"},
    "authoring.statistics_export": {"trainer", "admin"},
    "evaluation.results": {"trainer", "admin"},
    "evaluation.export": {"trainer", "admin"},
    "interop.scorm_packages": {"trainer", "admin"},
    "interop.scorm_download": {"trainer", "admin"},
    "accounts.admin": {"admin"},
    "accounts.audit_log": {"admin"},
    "accounts.audit_log_csv": {"admin"},
    "accounts.admin_create_centre": {"admin"},
    "accounts.admin_create_user": {"admin"},
    "accounts.admin_edit_user": {"admin"},
    "accounts.admin_centre": {"admin"},
    "accounts.admin_rename_centre": {"admin"},
    "accounts.mail_outbox": {"admin"},
    "accounts.retry_mail": {"admin"},
    "interop.xapi_queue": {"admin"},
    "interop.retry_statement": {"admin"},
    "interop.retry_failed_statements": {"admin"},
    "privacy.export": {"admin"},
    "privacy.delete": {"admin"},
    "about.feedback": {"admin"},
    "interop.lti_platforms": {"admin"},
    "identity.scim_directories": {"admin"},
    "identity.create_scim_directory": {"admin"},
    "identity.issue_scim_token": {"admin"},
    "identity.revoke_scim_token": {"admin"},
    # The SCIM API answers a directory's bearer token, never a signed-in session
    # (tests/identity/test_scim_tokens.py); every role is refused with 401.
    **{
        endpoint: set()
        for endpoint in (
            "scim.service_provider_config", "scim.resource_types", "scim.resource_type",
            "scim.schemas", "scim.schema", "scim.users", "scim.search_users", "scim.user",
            "scim.groups", "scim.search_groups", "scim.group", "scim.search_everything",
            "scim.nothing_here",
        )
    },
}  # fmt: skip
BEARER_TOKEN_ONLY = {endpoint for endpoint in RULES if endpoint.startswith("scim.")}
# Refused with 404 rather than 403 where the object is simply not yours to see.
NOT_YOURS = {
    "quizzes.attempt",
    "quizzes.submit",
    "certificates.download",
    "certificates.credential_download",
    "certificates.ready",
    "certificates.reissue",
}
# A made-up link token is rightly not found, whoever asks.
NOT_FOUND = {
    "accounts.set_password": {404},
    "accounts.choose_password": {404},  # no link opened in this session
    "accounts.retry_mail": {404},  # no such e-mail
    "interop.retry_statement": {404},  # no such statement
    "learning.choose": {404},  # the test course's lesson is no branching case
    "about.logo": {404},  # no logo configured
    "identity.start": {404},  # no such identity provider
    "identity.oidc_callback": {404},
    "identity.saml_metadata": {404},
    "identity.saml_acs": {404},
    "identity.saml_sls": {404},
    "identity.issue_scim_token": {404},  # no SCIM directory
    "identity.revoke_scim_token": {404},
}
LAST = {"accounts.logout", "accounts.account_password"}  # they end the session


@pytest.fixture
def world(app, users, centres):
    """Centre A's learner with an attempt and a certificate; centre B's likewise."""
    other = create_user(
        email="other@example.org", name="Other", centre=centres["b"], password=PASSWORD
    )
    db.session.commit()
    made = {}
    for key, email in (("a", "learner@example.org"), ("b", "other@example.org")):
        client = app.test_client()
        AuthActions(client).login(email)
        made[key] = {
            "attempt_id": start_attempt(client, "recognising").id,
            "certificate_id": (
                certificate := issue_for(users["learner"] if key == "a" else other)
            ).id,
            "code": certificate.code,
            "user_id": (users["learner"] if key == "a" else other).id,
            "centre_id": centres[key].id,
        }
    return made


def url_for_rule(rule, objects: dict) -> str:
    values = {
        **objects,
        "module_id": "recognising",
        "lesson_id": "definition",
        "language": "en",
        "name": "chain.svg",
        "token": "not-a-real-token",
        "job_id": 1,
        "kind": "csv",
        "table": "numbers",
        "filename": "css/app.css",
        "key": "no-such-provider",
        "directory_id": 1,
        "group_id": 1,
        "type_id": "User",
        "schema_id": "urn:ietf:params:scim:schemas:core:2.0:User",
        "anything": "Users",
    }
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: str(values[m[1]]), rule.rule)


def expected_ok(endpoint: str, role: str) -> bool:
    rule = RULES[endpoint]
    if rule == EVERYONE:
        return True
    if role == "anonymous":
        return False
    return rule == SIGNED_IN or role in rule


def refusal(endpoint: str, role: str) -> set[int]:
    if endpoint in BEARER_TOKEN_ONLY:
        return {401}
    if role == "anonymous":
        return {302, 401}
    return {404} if endpoint in NOT_YOURS else {403, 404}


def test_every_route_has_an_access_rule(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert sorted(endpoints - set(RULES)) == []
    assert sorted(set(RULES) - endpoints) == []


def requests_for(app, objects: dict):
    rules = sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint in LAST)
    for rule in rules:
        for method in sorted(rule.methods & {"GET", "POST"}):
            yield rule.endpoint, method, url_for_rule(rule, objects)


def status_of(client, method: str, url: str) -> int:
    """A GET, or a POST of an empty form with its CSRF token, as a browser would."""
    response = client.post(url, data={}) if method == "POST" else client.get(url)
    response.close()
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_its_routes(app, client, auth, world, role):
    if role != "anonymous":
        auth.login(role)
    wrong = []
    for endpoint, method, url in requests_for(app, world["a"]):
        status = status_of(client, method, url)
        ok = expected_ok(endpoint, role)
        if status not in (
            ALLOWED | NOT_FOUND.get(endpoint, set()) if ok else refusal(endpoint, role)
        ):
            wrong.append(f"{method} {url}: {status}, expected {'in' if ok else 'out'}")
    assert wrong == [], "\n".join(wrong)


OBJECT_ENDPOINTS = {
    "quizzes.attempt", "quizzes.submit", "certificates.download", "certificates.revoke",
    "certificates.centre", "certificates.centre_zip", "accounts.send_invitation",
    "certificates.credential_download", "certificates.reissue", "certificates.ready",
    "reports.person", "reports.person_due_date", "reports.centre_due_date",
}  # fmt: skip


@pytest.mark.parametrize("role", ["learner", "manager"])
def test_objects_of_another_centre_or_person_are_not_found(app, client, auth, world, role):
    """The manager of centre A, and learner A, with centre B's ids in every URL."""
    auth.login(role)
    reached = []
    for endpoint, method, url in requests_for(app, world["b"]):
        if endpoint not in OBJECT_ENDPOINTS:
            continue
        status = status_of(client, method, url)
        if status not in (403, 404):
            reached.append(f"{method} {url}: {status}")
    assert reached == []
