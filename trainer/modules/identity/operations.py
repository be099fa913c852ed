"""Signing a person in through a provider: their linked account, or a new learner's
account in the provider's centre on their first sign-in (just in time). Functions
flush; the view commits."""

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from trainer.core import audit
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts import operations as accounts
from trainer.modules.accounts.models import LEARNER, Centre, User, user_by_email
from trainer.modules.identity.models import SUBJECT_LENGTH, IdentityLink, ScimPerson
from trainer.modules.identity.providers import Provider

SIGNED_IN = "identity.signed_in"
REFUSED = "identity.sign_in_refused"


class SignInRefused(Exception):
    """The provider vouched for someone this service cannot let in; the message says why
    in words the person can act on, and nothing has been written but the audit event."""


@dataclass(frozen=True)
class Person:
    """What the provider says about the person signing in."""

    subject: str  # stable at this provider: Entra ID's oid, OIDC's sub, a SAML pseudonym
    email: str
    name: str
    claims: dict[str, Any]  # the values the centre is chosen by


def refuse(provider: Provider, reason: str, message: str) -> SignInRefused:
    """Log a refused sign-in (the reason in the service's own words, no personal data)
    and return the error to raise."""
    audit.record(None, REFUSED, f"provider:{provider.key}", {"why": reason})
    return SignInRefused(message)


def _centre(provider: Provider, person: Person) -> Centre:
    name = provider.centre_name(person.claims)
    if name is None:
        raise refuse(
            provider,
            "unknown centre claim",
            _(
                "Your organisation's account is not one this service knows. Ask the person "
                "who runs the course to add your organisation."
            ),
        )
    centre = db.session.scalar(select(Centre).where(Centre.name == name))
    if centre is None:
        raise refuse(
            provider,
            "configured centre missing",
            _(
                "The centre for %(organisation)s has not been set up yet.",
                organisation=provider.name,
            ),
        )
    return centre


def _link(provider: Provider, subject: str) -> IdentityLink | None:
    return db.session.scalar(
        select(IdentityLink).where(
            IdentityLink.provider == provider.key, IdentityLink.subject == subject
        )
    )


def _provisioned(person: Person, centre: Centre) -> User | None:
    """The account the organisation's directory provisioned for this person (SCIM): its
    externalId is the provider's subject (Entra ID's objectId) and the directory put
    it in the centre this provider signs the person into."""
    return db.session.scalar(
        select(User)
        .join(ScimPerson, ScimPerson.user_id == User.id)
        .where(
            ScimPerson.attributes["externalId"].as_string() == person.subject,
            User.centre_id == centre.id,
        )
    )


def _new_account(provider: Provider, person: Person, centre: Centre, locale: str) -> User:
    """A learner's account in the provider's centre, closed to password sign-in."""
    if user_by_email(person.email) is not None:
        # Never joined by e-mail alone: the address may have been someone else's.
        raise refuse(
            provider,
            "e-mail has an unlinked account",
            _(
                "An account with the e-mail %(email)s exists here already. Sign in with its "
                "password, or ask an administrator for help.",
                email=person.email,
            ),
        )
    try:
        user = accounts.create_user(
            email=person.email, name=person.name, role=LEARNER, locale=locale, centre=centre
        )
    except accounts.AccountError as error:
        raise refuse(provider, "account not creatable", str(error)) from None
    user.password_sign_in = False
    return user


def _update_email(user: User, email: str) -> None:
    """The provider's address for the person, when it changed and is free here."""
    try:
        email = accounts.checked_email(email)
    except accounts.AccountError:
        return  # kept as it was: the account is theirs by its subject, not its address
    if email and email != user.email and user_by_email(email) is None:
        user.email = email


def sign_in_through(provider: Provider, person: Person, locale: str) -> User:
    """The account of the person the provider vouches for; SignInRefused when there is
    none they may use. Matched by the provider's subject only, never by e-mail."""
    if not person.subject or len(person.subject) > SUBJECT_LENGTH:
        raise refuse(provider, "no subject", _("The sign-in did not say who you are."))
    centre = _centre(provider, person)  # an organisation no longer mapped lets nobody in
    link = _link(provider, person.subject)
    created = link is None
    if link is None:
        if not person.email:
            raise refuse(
                provider,
                "no e-mail",
                _("Your organisation did not tell us your e-mail address, which an account needs."),
            )
        user = _provisioned(person, centre) or _new_account(provider, person, centre, locale)
    else:
        user = link.user
    if not user.is_active:
        raise refuse(
            provider,
            "account closed",
            _("Your account here has been closed. Ask your manager if this is a mistake."),
        )
    if link is None:
        link = IdentityLink(user=user, provider=provider.key, subject=person.subject)
        db.session.add(link)
    else:
        _update_email(user, person.email)
    link.last_sign_in_at = user.last_login_at = utcnow()
    db.session.flush()
    audit.record(
        user.id, SIGNED_IN, f"user:{user.id}", {"provider": provider.key, "created": created}
    )
    return user
