"""Single-use links to choose a password: invitations (14 days) and resets (1 hour).

Only a hash of each link's token is stored. The token itself is an HMAC, under the
app's secret key, of a random seed kept in the row and of the account's password hash:
a copy of the database alone opens no account, yet the app can show a manager the
invitation link of someone whose e-mail went astray; and once the password hash changes
(a new password by any way, or a stronger hash of it at sign-in) every older link stops
working. (Whoever holds the secret key can sign sessions anyway.)
"""

import hashlib
import hmac
import secrets
from base64 import urlsafe_b64encode
from datetime import timedelta
from enum import StrEnum

from flask import current_app
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import contains_eager

from trainer.core.database import changed_rows
from trainer.core.time import utcnow
from trainer.core.urls import link_in_language
from trainer.extensions import db
from trainer.modules.accounts.models import AccountToken, User, user_by_email
from trainer.modules.accounts.operations import set_password

LONGEST_TOKEN = 64


class Purpose(StrEnum):
    INVITATION = "invitation"
    RESET = "reset"


LIFETIMES = {Purpose.INVITATION: timedelta(days=14), Purpose.RESET: timedelta(hours=1)}
# At most this many reset links per account per RESET_WINDOW, however often someone
# asks: enough for a person whose mail is slow, too few to flood their inbox.
RESETS_PER_WINDOW = 3
RESET_WINDOW = timedelta(hours=1)


class LinkUsed(Exception):
    """The link was used (or superseded) by a request that finished first."""


def _token(seed: str, password_hash: str | None) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    # Without a password yet (an invitation), the message is what it was before links
    # were tied to the password, so invitations sent before that change still work.
    message = (
        f"account-link:{seed}" if password_hash is None else f"account-link:{seed}:{password_hash}"
    )
    digest = hmac.new(key, message.encode(), hashlib.sha256).digest()
    return urlsafe_b64encode(digest).rstrip(b"=").decode()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user: User, purpose: Purpose) -> AccountToken:
    return issue_many([user], purpose)[0]


def issue_many(users: list[User], purpose: Purpose) -> list[AccountToken]:
    """A new link for each of these people, in one INSERT."""
    if not users:
        return []
    now = utcnow()
    rows = []
    for user in users:
        seed = secrets.token_hex(16)
        rows.append(
            {
                "user_id": user.id,
                "purpose": purpose,
                "seed": seed,
                "token_hash": _hash(_token(seed, user.password_hash)),
                "created_at": now,
                "expires_at": now + LIFETIMES[purpose],
            }
        )
    return list(db.session.scalars(insert(AccountToken).returning(AccountToken), rows))


def link_for(row: AccountToken) -> str:
    token = _token(row.seed, row.user.password_hash)
    return link_in_language("accounts.set_password", row.user.locale, token=token)


def request_reset(email: str) -> AccountToken | None:
    """A reset link for the active account with this e-mail; None for any other address,
    and None once the account has had RESETS_PER_WINDOW links within the window."""
    user = user_by_email(email)
    if user is None or not user.is_active:
        return None
    recent = db.session.execute(
        select(func.count())
        .select_from(AccountToken)
        .where(
            AccountToken.user_id == user.id,
            AccountToken.purpose == Purpose.RESET,
            AccountToken.created_at > utcnow() - RESET_WINDOW,
        )
    ).scalar_one()
    if recent >= RESETS_PER_WINDOW:
        return None
    return issue(user, Purpose.RESET)


def open_invitations(user_ids: list[int]) -> dict[int, AccountToken]:
    """The newest open invitation of each of these people who has one."""
    rows = db.session.scalars(
        select(AccountToken)
        .join(AccountToken.user)
        .options(contains_eager(AccountToken.user))
        .where(
            AccountToken.user_id.in_(user_ids),
            AccountToken.purpose == Purpose.INVITATION,
            AccountToken.used_at.is_(None),
            AccountToken.expires_at > utcnow(),
        )
        .order_by(AccountToken.created_at)
    )
    return {row.user_id: row for row in rows}


def usable(token: str) -> AccountToken | None:
    """The open link this token opens, for an active account; None otherwise."""
    if len(token) > LONGEST_TOKEN:
        return None
    row = db.session.scalar(select(AccountToken).where(AccountToken.token_hash == _hash(token)))
    return row if row is not None and works(row) else None


def works(row: AccountToken) -> bool:
    """The link opens now: not used or expired, the account active, and its password
    the same as when the link was made."""
    current = _hash(_token(row.seed, row.user.password_hash))
    return row.is_open() and row.user.is_active and hmac.compare_digest(current, row.token_hash)


def redeem(row: AccountToken, password: str) -> User:
    """Use the link once: set the password, and close every other open link of the person."""
    now = utcnow()
    # Only one UPDATE finds the link unused, however requests interleave.
    claimed = changed_rows(
        update(AccountToken)
        .where(AccountToken.id == row.id, AccountToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed != 1:
        raise LinkUsed
    db.session.execute(
        update(AccountToken)
        .where(AccountToken.user_id == row.user_id, AccountToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    set_password(row.user, password)
    return row.user
