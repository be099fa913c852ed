"""Sign-in throttling: an attacker is slowed down, the person is never locked out.

Finding 4 of [hardening-2]: anyone could lock a named account out of sign-in by
failing at it from a few addresses. Now the per-account ceiling stops only clients the
account has never signed in from, and only failures count.
"""

import pytest
from sqlalchemy import select

from tests.helpers.app import PASSWORD
from trainer.core.audit import AuditEvent
from trainer.extensions import db

LIMITS = {
    "RATELIMIT_ENABLED": True,
    "LOGIN_LIMIT": "3 per minute",
    "LOGIN_ACCOUNT_LIMIT": "5 per minute",
    "LOGIN_ADDRESS_LIMIT": "4 per minute",
}
LIMITED = pytest.mark.parametrize("app_settings", [LIMITS])
VICTIM = "learner@example.org"


def sign_in(client, address: str, email: str = VICTIM, password: str = PASSWORD) -> int:
    response = client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )
    response.close()
    return response.status_code


def hammer(app, email: str, addresses: list[str], tries: int = 3) -> list[int]:
    """Wrong passwords for `email` from each address, each from a browser of its own."""
    statuses = []
    for address in addresses:
        attacker = app.test_client()
        statuses += [sign_in(attacker, address, email, "wrong password!") for _ in range(tries)]
    return statuses


@LIMITED
def test_failures_from_one_client_are_limited(client, users):
    assert [sign_in(client, "10.0.0.1", password="wrong password!") for _ in range(3)] == [200] * 3
    assert sign_in(client, "10.0.0.1") == 429
    assert sign_in(client, "10.0.0.1", password="wrong password!") == 429


@LIMITED
def test_successful_sign_ins_count_nothing(app, users):
    for _ in range(8):
        browser = app.test_client()
        assert sign_in(browser, "10.0.0.1") == 302


@LIMITED
def test_the_person_signs_in_from_their_browser_while_an_attacker_hammers(app, client, users):
    assert sign_in(client, "192.0.2.10") == 302  # an earlier day: the browser is now known
    client.post("/logout")
    statuses = hammer(app, VICTIM, [f"203.0.113.{n}" for n in range(1, 5)])
    assert statuses.count(429) >= 4, "the account's ceiling slows the attacker down"
    assert sign_in(app.test_client(), "203.0.113.99") == 429  # and any stranger
    assert sign_in(client, "198.51.100.7") == 302  # the person, away from the office too


@LIMITED
def test_the_person_signs_in_from_a_known_address_in_a_fresh_browser(app, users):
    assert sign_in(app.test_client(), "192.0.2.10") == 302
    hammer(app, VICTIM, [f"203.0.113.{n}" for n in range(1, 5)])
    private_window = app.test_client()
    assert sign_in(private_window, "192.0.2.10") == 302


@LIMITED
def test_an_attacker_at_the_persons_own_address_cannot_lock_their_browser_out(app, client, users):
    """A shared office address: the attacker's failures count against that address, not
    against the browser the person signed in with."""
    assert sign_in(client, "192.0.2.10") == 302
    client.post("/logout")
    assert 429 in hammer(app, VICTIM, ["192.0.2.10"], tries=4)
    assert sign_in(client, "192.0.2.10") == 302


@LIMITED
def test_one_address_trying_many_accounts_is_limited(app, client, users):
    emails = [f"nobody{n}@example.org" for n in range(4)]
    assert [sign_in(client, "10.0.0.9", email, "wrong password!") for email in emails] == [200] * 4
    assert sign_in(client, "10.0.0.9", "someone@example.org", "wrong password!") == 429
    assert sign_in(client, "10.0.0.10", "someone@example.org", "wrong password!") == 200


@LIMITED
def test_a_forged_device_cookie_is_a_stranger(app, users):
    from trainer.modules.accounts.throttling import DEVICE_COOKIE

    hammer(app, VICTIM, [f"203.0.113.{n}" for n in range(1, 5)])
    forger = app.test_client()
    forger.set_cookie(DEVICE_COOKIE, "W1siYWJjIiwiZGVmIl1d.forged.signature")
    assert sign_in(forger, "203.0.113.50") == 429


@LIMITED
def test_the_limits_are_in_the_shared_store_and_name_nobody(app, users):
    from trainer.core.request_limits import RequestLimit

    hammer(app, VICTIM, ["203.0.113.1"], tries=2)
    keys = db.session.scalars(select(RequestLimit.key)).all()
    assert keys, "the failures were counted in the database"
    assert all(len(key) == 64 and "@" not in key and "." not in key for key in keys)


@LIMITED
def test_failed_sign_ins_record_the_typed_email_and_the_address(app, users):
    hammer(app, VICTIM, ["203.0.113.1"], tries=1)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "account.sign_in_failed")
    )
    assert event.subject == f"email:{VICTIM}"
    assert event.address == "203.0.113.1"
