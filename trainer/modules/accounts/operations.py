"""Everything in accounts that writes. Functions flush; the caller commits once."""

from flask_babel import gettext as _
from sqlalchemy import select

from trainer.core import audit
from trainer.core.i18n import LANGUAGES
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import ROLES, Centre, User, normalise_email, user_by_email
from trainer.modules.accounts.passwords import hash_password, needs_rehash, password_matches


class AccountError(ValueError):
    """A request that would break a rule; the message is shown to the user."""


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None; one answer for every failure."""
    user = user_by_email(email)
    if not password_matches(user.password_hash if user else None, password):
        return None
    if user is None or not user.is_active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def create_centre(name: str) -> Centre:
    name = name.strip()
    if db.session.scalar(select(Centre).where(Centre.name == name)):
        raise AccountError(_("A centre named %(name)s exists already.", name=name))
    centre = Centre(name=name)
    db.session.add(centre)
    db.session.flush()
    return centre


def create_user(
    *,
    email: str,
    name: str,
    role: str = "learner",
    locale: str = "fi",
    centre: Centre | None = None,
    password: str | None = None,
) -> User:
    if role not in ROLES:
        raise AccountError(_("Unknown role %(role)s.", role=role))
    if locale not in LANGUAGES:
        raise AccountError(_("Unknown language %(locale)s.", locale=locale))
    if user_by_email(email):
        raise AccountError(_("An account with the e-mail %(email)s exists already.", email=email))
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        role=role,
        locale=locale,
        centre=centre,
        password_hash=hash_password(password) if password else None,
    )
    db.session.add(user)
    db.session.flush()
    return user


def update_user(
    user: User,
    *,
    actor_id: int | None,
    role: str,
    centre: Centre | None,
    managed: list[Centre],
    is_active: bool,
) -> User:
    if role not in ROLES:
        raise AccountError(_("Unknown role %(role)s.", role=role))
    if role != user.role:
        detail = {"from": user.role, "to": role}
        audit.record(actor_id, "account.role_changed", f"user:{user.id}", detail)
    user.role = role
    user.centre = centre
    user.managed_centres = managed if role == "manager" else []
    user.is_active_account = is_active
    if not is_active:
        end_sessions(user)
    db.session.flush()
    return user


def set_language(user: User, locale: str) -> None:
    if locale not in LANGUAGES:
        raise AccountError(_("Unknown language %(locale)s.", locale=locale))
    user.locale = locale
    db.session.flush()


def change_password(user: User, current: str, new: str) -> None:
    if not password_matches(user.password_hash, current):
        raise AccountError(_("The current password is not right."))
    set_password(user, new)


def set_password(user: User, new: str) -> None:
    user.password_hash = hash_password(new)
    end_sessions(user)


def end_sessions(user: User) -> None:
    """Every session and remember-me cookie issued before now stops working."""
    user.session_version += 1
    db.session.flush()
