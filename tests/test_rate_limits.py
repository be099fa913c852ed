"""Rate limits hold across workers and servers, and count each client by its own address.

Finding 3 of [hardening-2]: with the `memory://` store each of gunicorn's workers
counted alone (38 of 40 sign-ins passed a limit of 10), and behind the documented
proxy every client had the proxy's address. Here gunicorn runs with 4 workers, as
docs/operations.md deploys it, against the test's database (SQLite, or PostgreSQL with
TRAINER_TEST_DATABASE_URL) and against a Redis server, with the test as the proxy.
"""

import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from tests.helpers.app import PASSWORD, Client, make_app
from tests.helpers.servers import REDIS_SERVER, Browser, production_settings, redis_server
from tests.helpers.servers import gunicorn as gunicorn_server
from trainer.extensions import db

VERIFY_LIMIT = 30  # certificates.verification.VERIFY_RATE_LIMIT, per minute
LOGIN_LIMIT = 10
ACCOUNT_LIMIT = 12  # the ceiling, above LOGIN_LIMIT as documented


@contextmanager
def gunicorn(database_url: str, storage_url: str):
    """The app as documented: production settings, 4 workers, one proxy in front."""
    settings = production_settings(
        database_url,
        storage_url,
        TRAINER_LOGIN_LIMIT=f"{LOGIN_LIMIT} per 10 minutes",
        TRAINER_LOGIN_ACCOUNT_LIMIT=f"{ACCOUNT_LIMIT} per hour",
        TRAINER_LOGIN_ADDRESS_LIMIT="1000 per hour",
    )
    with gunicorn_server(settings) as (port, _):
        yield port


STORAGES = [
    pytest.param("database://", id="database"),
    pytest.param(
        "redis",
        id="redis",
        marks=pytest.mark.skipif(
            REDIS_SERVER is None and not os.environ.get("CI"),
            reason="redis-server is not installed (apt-get install redis-server)",
        ),
    ),
]


@contextmanager
def storage_for(name: str):
    if name != "redis":
        yield name
        return
    with redis_server() as url:
        yield url


@pytest.mark.parametrize("storage", STORAGES)
def test_limits_hold_across_four_workers_and_count_each_client_by_its_address(
    app, users, database_url, storage
):
    with storage_for(storage) as storage_url, gunicorn(database_url, storage_url) as port:
        # 1. Forty verifications at once from one client: the limit of 30 holds exactly.
        one = Browser(port, "203.0.113.1")
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda _: one.request("GET", "/verify/ZZZZ")[0], range(40)))
        assert statuses.count(429) == 40 - VERIFY_LIMIT, statuses
        # 2. Another client behind the same proxy is counted on its own.
        assert Browser(port, "203.0.113.2").request("GET", "/verify/ZZZZ")[0] == 404

        # 3. Failed sign-ins, one after the other, landing on every worker: 10 pass.
        attacker = Browser(port, "203.0.113.66")
        tries = [attacker.sign_in("learner@example.org", "wrong password!") for _ in range(15)]
        assert tries.count(200) == LOGIN_LIMIT and tries.count(429) == 15 - LOGIN_LIMIT, tries

        # 4. The person signs in from their office; that browser is now known.
        person = Browser(port, "203.0.113.2")
        assert person.sign_in("learner@example.org", PASSWORD) == 302
        assert person.sign_out() == 302

        # 5. The attacker moves on through other addresses to the account's ceiling...
        for n in range(ACCOUNT_LIMIT - LOGIN_LIMIT):
            Browser(port, f"192.0.2.{n + 1}").sign_in("learner@example.org", "wrong password!")
        stranger = Browser(port, "203.0.113.77")
        assert stranger.sign_in("learner@example.org", PASSWORD) == 429
        # ...while the person signs in: from their browser, wherever it is, and from
        # their office in a fresh (private) window.
        person.address = "198.51.100.3"
        assert person.sign_in("learner@example.org", PASSWORD) == 302
        assert person.request("GET", "/account")[0] == 200
        private_window = Browser(port, "203.0.113.2")
        assert private_window.sign_in("learner@example.org", PASSWORD) == 302


@contextmanager
def limited_client(database_url: str, **settings):
    """A test client of an app with rate limits on (the `app` fixture empties the store)."""
    limited = make_app(database_url, RATELIMIT_ENABLED=True, **settings)
    limited.test_client_class = Client
    with limited.app_context():
        yield limited.test_client()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def proxied_client(app, database_url):
    """Behind one trusted proxy."""
    with limited_client(database_url, TRUSTED_PROXIES=1) as client:
        yield client


def verify_from(client, proxy_saw: str, client_claims: str | None = None) -> int:
    forwarded = f"{client_claims}, {proxy_saw}" if client_claims else proxy_saw
    response = client.get(
        "/verify/ZZZZ",
        headers={"X-Forwarded-For": forwarded},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    response.close()
    return response.status_code


def test_a_proxied_client_is_identified_by_its_own_address(app, proxied_client):
    for _ in range(VERIFY_LIMIT):
        verify_from(proxied_client, "203.0.113.5")
    assert verify_from(proxied_client, "203.0.113.5") == 429
    # Nobody else behind the proxy is refused...
    assert verify_from(proxied_client, "203.0.113.6") == 404
    # ...and the limited client cannot escape by claiming another address itself.
    assert verify_from(proxied_client, "203.0.113.5", client_claims="203.0.113.7") == 429


def test_without_trusted_proxies_the_header_is_ignored(app, database_url):
    with limited_client(database_url) as client:
        for n in range(VERIFY_LIMIT):
            verify_from(client, f"203.0.113.{n}")  # claims of a client, not a proxy
        assert verify_from(client, "203.0.113.200") == 429
