"""Everything in accounts that writes. Functions flush; the caller commits once."""

from flask_babel import gettext as _
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from trainer.core import audit
from trainer.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from trainer.core.inputs import CONTROL_CHARACTER_MESSAGE, is_plain_text
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import (
    EMAIL_LENGTH,
    MANAGER,
    NAME_LENGTH,
    ROLES,
    Centre,
    User,
    normalise_email,
    user_by_email,
)
from trainer.modules.accounts.passwords import (
    hash_password,
    needs_rehash,
    password_matches,
    password_problem,
)


class AccountError(ValueError):
    """A request that would break a rule; the message is shown to the user."""


class PasswordSignInClosed(AccountError):
    """The password is right, but the account signs in through its organisation."""


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None; one answer for every failure.
    PasswordSignInClosed, only to someone who knows the password, when the account signs
    in through an identity provider."""
    user = user_by_email(email)
    if not password_matches(user.password_hash if user else None, password):
        return None
    if user is None or not user.is_active:
        return None
    if not user.password_sign_in:
        raise PasswordSignInClosed(
            _("This account signs in through your organisation: use its button on this page.")
        )
    if user.password_hash is not None and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def checked_name(name: str) -> str:
    """The name as stored, or AccountError when no column or page should hold it."""
    name = name.strip()
    if not is_plain_text(name):
        raise AccountError(str(CONTROL_CHARACTER_MESSAGE))
    if len(name) > NAME_LENGTH:
        raise AccountError(_("The name is longer than %(count)d characters.", count=NAME_LENGTH))
    return name


def checked_email(email: str) -> str:
    email = normalise_email(email)
    if not is_plain_text(email):
        raise AccountError(str(CONTROL_CHARACTER_MESSAGE))
    if len(email) > EMAIL_LENGTH:
        raise AccountError(_("The e-mail address is too long."))
    return email


def create_centre(name: str, *, actor_id: int | None = None) -> Centre:
    name = checked_name(name)
    if db.session.scalar(select(Centre).where(Centre.name == name)):
        raise AccountError(_("A centre named %(name)s exists already.", name=name))
    centre = Centre(name=name)
    db.session.add(centre)
    db.session.flush()
    audit.record(actor_id, "centre.created", f"centre:{centre.id}", {"name": name})
    return centre


def rename_centre(centre: Centre, name: str, *, actor_id: int | None = None) -> Centre:
    name = checked_name(name)
    if name == centre.name:
        return centre
    if db.session.scalar(select(Centre).where(Centre.name == name)):
        raise AccountError(_("A centre named %(name)s exists already.", name=name))
    before, centre.name = centre.name, name
    db.session.flush()
    audit.record(
        actor_id, "centre.renamed", f"centre:{centre.id}", {"before": before, "after": name}
    )
    return centre


def create_user(
    *,
    email: str,
    name: str,
    role: str = "learner",
    locale: str = "fi",
    centre: Centre | None = None,
    password: str | None = None,
    actor_id: int | None = None,
) -> User:
    if role not in ROLES:
        raise AccountError(_("Unknown role %(role)s.", role=role))
    if locale not in LANGUAGES:
        raise AccountError(_("Unknown language %(locale)s.", locale=locale))
    email, name = checked_email(email), checked_name(name)
    if user_by_email(email):
        raise AccountError(_("An account with the e-mail %(email)s exists already.", email=email))
    if password and (problem := password_problem(password, email=email, name=name)):
        raise AccountError(problem)
    user = User(
        email=email,
        name=name,
        role=role,
        locale=locale,
        centre=centre,
        password_hash=hash_password(password) if password else None,
        # A new manager manages their own centre, so their first page is never empty.
        managed_centres=[centre] if role == MANAGER and centre is not None else [],
    )
    db.session.add(user)
    db.session.flush()
    created = {
        "role": role,
        "centre": centre.id if centre else None,
        "centres": [c.id for c in user.managed_centres],
        "language": locale,
    }
    audit.record(actor_id, "account.created", f"user:{user.id}", created)
    return user


def create_learners(people: list[tuple[str, str, str]], centre: Centre) -> list[User]:
    """New learners of one centre from (e-mail, name, language), in one INSERT: a staff
    import's new people, without passwords. AccountError when any of them has an
    account already (added a moment ago); the caller rolls back."""
    if not people:
        return []
    now = utcnow()
    rows = [
        {
            "email": checked_email(email),
            "name": checked_name(name),
            "role": "learner",
            "locale": locale if locale in LANGUAGES else DEFAULT_LANGUAGE,
            "centre_id": centre.id,
            "created_at": now,
        }
        for email, name, locale in people
    ]
    try:
        return list(db.session.scalars(insert(User).returning(User), rows))
    except IntegrityError:
        raise AccountError(_("Someone on the list has an account already.")) from None


def update_user(
    user: User,
    *,
    actor_id: int | None,
    role: str,
    centre: Centre | None,
    managed: list[Centre],
    is_active: bool,
    password_sign_in: bool | None = None,
) -> User:
    if role not in ROLES:
        raise AccountError(_("Unknown role %(role)s.", role=role))
    managed = managed if role == "manager" else []
    _record_changes(user, actor_id, role=role, centre=centre, managed=managed, active=is_active)
    user.role = role
    user.centre = centre
    user.managed_centres = managed
    user.is_active_account = is_active
    if password_sign_in is not None and password_sign_in != user.password_sign_in:
        action = "account.password_allowed" if password_sign_in else "account.password_closed"
        audit.record(actor_id, action, f"user:{user.id}", {})
        user.password_sign_in = password_sign_in
    if not is_active:
        end_sessions(user)
    db.session.flush()
    return user


def _record_changes(
    user: User,
    actor_id: int | None,
    *,
    role: str,
    centre: Centre | None,
    managed: list[Centre],
    active: bool,
) -> None:
    """One audit event for each thing about the account that changes, before and after."""
    subject = f"user:{user.id}"
    changes = {
        "account.role_changed": (user.role, role),
        "account.centre_changed": (user.centre_id, centre.id if centre else None),
        "account.centres_managed_changed": (
            sorted(c.id for c in user.managed_centres),
            sorted(c.id for c in managed),
        ),
    }
    for action, (before, after) in changes.items():
        if before != after:
            audit.record(actor_id, action, subject, {"before": before, "after": after})
    if active != user.is_active_account:
        action = "account.reopened" if active else "account.closed"
        audit.record(actor_id, action, subject, {"before": not active, "after": active})


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
    """Every way a password is set ends here: the policy holds, other sessions end, and
    every older invitation or reset link stops working (they are tied to the hash)."""
    if problem := password_problem(new, email=user.email, name=user.name):
        raise AccountError(problem)
    user.password_hash = hash_password(new)
    end_sessions(user)


def end_sessions(user: User) -> None:
    """Every session and remember-me cookie issued before now stops working."""
    user.session_version += 1
    db.session.flush()
