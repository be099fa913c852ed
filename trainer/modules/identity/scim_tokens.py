"""The bearer tokens directories provision with: an admin creates a directory and gets its
token once; only its SHA-256 is stored. A new token replaces the old one at once;
a revoked one stops working at once. Functions flush; the caller commits."""

import hashlib
import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from trainer.core import audit
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.operations import AccountError, checked_name
from trainer.modules.identity.models import ScimDirectory

TOKEN_BYTES = 32
# A directory's use of its token is logged once per this while: each sync run, not
# each of its requests (every change it makes is logged on its own).
USE_LOGGED_EVERY = timedelta(hours=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _subject(directory: ScimDirectory) -> str:
    return f"scim_directory:{directory.id}"


def _new_token(directory: ScimDirectory) -> str:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    directory.token_hash = _hash(token)
    directory.token_issued_at = utcnow()
    directory.revoked_at = None
    return token


def create_directory(name: str, actor_id: int | None) -> tuple[ScimDirectory, str]:
    """A new directory and its token, which is shown once and never again."""
    name = checked_name(name)
    if not name:
        raise AccountError(_("Give the directory a name."))
    if db.session.scalar(select(ScimDirectory).where(ScimDirectory.name == name)):
        raise AccountError(_("A directory named %(name)s exists already.", name=name))
    directory = ScimDirectory(name=name)
    token = _new_token(directory)
    db.session.add(directory)
    db.session.flush()
    audit.record(actor_id, "scim.directory_created", _subject(directory), {"directory": name})
    return directory, token


def issue_token(directory: ScimDirectory, actor_id: int) -> str:
    """A new token for the directory; the old one stops working."""
    token = _new_token(directory)
    db.session.flush()
    audit.record(actor_id, "scim.token_issued", _subject(directory), {"directory": directory.name})
    return token


def revoke_token(directory: ScimDirectory, actor_id: int) -> None:
    if directory.revoked_at is not None:
        return
    directory.revoked_at = utcnow()
    db.session.flush()
    audit.record(actor_id, "scim.token_revoked", _subject(directory), {"directory": directory.name})


def directory_for(authorization: str | None) -> ScimDirectory | None:
    """The directory whose live token the Authorization header carries, or None (and the
    refusal logged when a token was sent)."""
    scheme, _space, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    directory = db.session.scalar(
        select(ScimDirectory).where(ScimDirectory.token_hash == _hash(token.strip()))
    )
    if directory is None or directory.revoked_at is not None:
        if directory is None:
            audit.record(None, "scim.token_refused", "scim_directory:unknown", {})
        else:  # a revoked token: which directory still sends it
            detail = {"directory": directory.name, "revoked": True}
            audit.record(None, "scim.token_refused", _subject(directory), detail)
        return None
    _note_use(directory)
    return directory


def _note_use(directory: ScimDirectory) -> None:
    now = utcnow()
    if directory.last_used_at is None or now - directory.last_used_at >= USE_LOGGED_EVERY:
        audit.record(None, "scim.token_used", _subject(directory), {"directory": directory.name})
    directory.last_used_at = now
    db.session.flush()
