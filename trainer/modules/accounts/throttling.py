"""Sign-in throttling: guessing is slowed down, and nobody can lock a person out.

Three limits count failed sign-ins (a successful one counts nothing), in the shared
rate-limit store, so they hold across workers and servers:

- TRAINER_LOGIN_LIMIT, per account and client: the client is the browser when it has
  signed in to this account before (it holds a device cookie), otherwise its address.
- TRAINER_LOGIN_ACCOUNT_LIMIT, per account, higher: guesses at one account from many
  addresses. Clients the account is known on are not counted and never stopped by it.
- TRAINER_LOGIN_ADDRESS_LIMIT, per address over all accounts: one address trying many
  accounts. Clients known to the account being signed in to are not counted by it.

A client is known to an account when it holds the device cookie the account's last
sign-ins there left (OWASP's "device cookies"), or comes from an address the account
signed in from within KNOWN_ADDRESS_DAYS. So an attacker who runs the account's
ceiling down slows down only other strangers: the person keeps signing in from their
own browser or office, where only their own mistakes count against them.
docs/operations.md states the policy for admins.
"""

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

from flask import Response, current_app, g, request
from flask_limiter.util import get_remote_address
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import select

from trainer.core.audit import AuditEvent, client_address
from trainer.core.time import utcnow
from trainer.extensions import db, limiter
from trainer.modules.accounts.models import EMAIL_LENGTH, normalise_email, user_by_email

DEVICE_COOKIE = "trainer_device"
DEVICE_DAYS = 365
MAX_DEVICE_ACCOUNTS = 5  # a shared computer remembers the last few accounts used on it
KNOWN_ADDRESS_DAYS = 90
SIGNED_IN = "account.signed_in"
_FAILED = "sign_in_failed"
_KNOWN = "sign_in_client_known"


def typed_email() -> str:
    return normalise_email(request.form.get("email", ""))[:EMAIL_LENGTH]


def _account_tag(email: str) -> str:
    """Names the account in the device cookie without writing its address there."""
    return hashlib.sha256(f"sign-in-device:{email}".encode()).hexdigest()[:24]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="sign-in-device")


def _devices() -> list[list[str]]:
    """[account tag, device id] pairs from the cookie, newest first; [] if none or forged."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw:
        return []
    try:
        pairs = _serializer().loads(raw, max_age=DEVICE_DAYS * 86400)
    except BadData:
        return []
    if not isinstance(pairs, list):
        return []
    return [p for p in pairs if isinstance(p, list) and len(p) == 2][:MAX_DEVICE_ACCOUNTS]


def device_of(email: str) -> str | None:
    """This browser's device id for the account, if it has signed in to it before."""
    tag = _account_tag(email)
    return next((device for account, device in _devices() if account == tag), None)


def remember_device(response: Response, email: str) -> None:
    """After a successful sign-in: this browser is known to the account from now on."""
    tag = _account_tag(normalise_email(email))
    pairs = _devices()
    device = next((d for account, d in pairs if account == tag), None) or secrets.token_urlsafe(9)
    pairs = [[tag, device], *(p for p in pairs if p[0] != tag)][:MAX_DEVICE_ACCOUNTS]
    response.set_cookie(
        DEVICE_COOKIE,
        _serializer().dumps(pairs),
        max_age=timedelta(days=DEVICE_DAYS),
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )


def _signed_in_from_here(email: str) -> bool:
    user = user_by_email(email)
    address = client_address()  # as the audit log writes it
    if user is None or not address:
        return False
    since = utcnow() - timedelta(days=KNOWN_ADDRESS_DAYS)
    return (
        db.session.scalar(
            select(AuditEvent.id)
            .where(
                AuditEvent.subject == f"user:{user.id}",
                AuditEvent.action == SIGNED_IN,
                AuditEvent.address == address,
                AuditEvent.at >= since,
            )
            .limit(1)
        )
        is not None
    )


def is_known_client() -> bool:
    """Whether this browser or address has signed in to the typed account before."""
    if _KNOWN not in g:
        email = typed_email()
        setattr(
            g, _KNOWN, bool(email) and (device_of(email) is not None or _signed_in_from_here(email))
        )
    return g.get(_KNOWN)


def per_client_key() -> str:
    email = typed_email()
    device = device_of(email)
    client = f"device:{device}" if device else f"address:{get_remote_address()}"
    return f"sign-in:{email}|{client}"


def per_account_key() -> str:
    return f"sign-in:{typed_email()}"


def per_address_key() -> str:
    return f"sign-in-address:{get_remote_address()}"


def note_failure() -> None:
    """The view's word that this attempt failed: the limits count it."""
    setattr(g, _FAILED, True)


def _failed(_response: Response) -> bool:
    return g.get(_FAILED, False)


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def throttled(view: Callable) -> Callable:
    """Put the three sign-in limits on the view that checks passwords (POST only)."""
    for setting, key, exempt in (
        ("LOGIN_LIMIT", per_client_key, None),
        ("LOGIN_ACCOUNT_LIMIT", per_account_key, is_known_client),
        ("LOGIN_ADDRESS_LIMIT", per_address_key, is_known_client),
    ):
        view = limiter.limit(
            _setting(setting),
            key_func=key,
            methods=["POST"],
            exempt_when=exempt,
            deduct_when=_failed,
            scope=f"sign-in-{setting.lower()}",
        )(view)
    return view
