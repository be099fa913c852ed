"""The audit log in words: each action a sentence in the reader's language, naming
people and centres by their names as they are now (a deleted person by the name that
replaced theirs), with before and after as the reader reads them.

Events keep ids and codes (core.audit); the names of one batch of events are loaded
in two queries, whatever the number of events.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy import select

from trainer.core.audit import AuditEvent
from trainer.core.i18n import LANGUAGE_NAMES
from trainer.extensions import db
from trainer.modules.accounts.forms import ROLE_NAMES
from trainer.modules.accounts.models import Centre, User

# What an unknown or missing value reads as.
DASH = "\N{EN DASH}"


@dataclass(frozen=True)
class Wording:
    label: LazyString  # the kind of event, as the filter lists it
    # With %(actor)s, %(subject)s, %(before)s, %(after)s and the keys of the detail.
    sentence: LazyString
    values: str = "text"  # how `before` and `after` read: a method of Names


DUE_DATE_CHANGED = _l("%(actor)s changed the due date of %(subject)s from %(before)s to %(after)s.")

WORDINGS = {
    "centre.created": Wording(
        _l("Centre created"), _l("%(actor)s created the centre %(subject)s.")
    ),
    "centre.renamed": Wording(
        _l("Centre renamed"), _l("%(actor)s renamed the centre %(before)s to %(after)s.")
    ),
    "account.created": Wording(
        _l("Account created"),
        _l("%(actor)s created the account of %(subject)s (%(role)s, %(centre)s)."),
    ),
    "account.role_changed": Wording(
        _l("Role changed"),
        _l("%(actor)s changed the role of %(subject)s from %(before)s to %(after)s."),
        "role",
    ),
    "account.centre_changed": Wording(
        _l("Centre of a person changed"),
        _l("%(actor)s changed the centre of %(subject)s from %(before)s to %(after)s."),
        "centre",
    ),
    "account.centres_managed_changed": Wording(
        _l("Centres managed changed"),
        _l("%(actor)s changed the centres %(subject)s manages from %(before)s to %(after)s."),
        "centres",
    ),
    "account.closed": Wording(
        _l("Account closed"), _l("%(actor)s closed the account of %(subject)s.")
    ),
    "account.reopened": Wording(
        _l("Account reopened"), _l("%(actor)s reopened the account of %(subject)s.")
    ),
    "people.imported": Wording(
        _l("Staff imported"),
        _l(
            "%(actor)s imported a staff list into %(subject)s: %(created)s added and invited,"
            " %(updated)s updated."
        ),
    ),
    "people.import_held": Wording(
        _l("Imported person left unchanged"),
        _l(
            "%(actor)s imported a staff list into %(centre)s naming %(subject)s, whose account"
            " the list may not change; it was left unchanged."
        ),
    ),
    "invitation.sent": Wording(
        _l("Invitation sent again"), _l("%(actor)s sent %(subject)s a new invitation.")
    ),
    "centre.due_date": Wording(_l("Due date of a centre changed"), DUE_DATE_CHANGED, "date"),
    "person.due_date": Wording(_l("Due date of a person changed"), DUE_DATE_CHANGED, "date"),
    "certificate.issued": Wording(
        _l("Certificate issued"), _l("The certificate %(code)s was issued to %(user)s.")
    ),
    "certificate.revoked": Wording(
        _l("Certificate revoked"),
        _l("%(actor)s revoked the certificate %(code)s of %(user)s. Reason: %(reason)s"),
    ),
    "person.exported": Wording(
        _l("Personal data exported"),
        _l("%(actor)s downloaded the personal data of %(subject)s."),
    ),
    "person.deleted": Wording(
        _l("Personal data deleted"), _l("%(actor)s deleted the personal data of %(subject)s.")
    ),
    "account.signed_in": Wording(_l("Signed in"), _l("%(actor)s signed in.")),
    "account.sign_in_failed": Wording(
        _l("Failed sign-in"), _l("Someone failed to sign in with the e-mail %(subject)s.")
    ),
    "account.password_closed": Wording(
        _l("Password sign-in closed"),
        _l("%(actor)s closed password sign-in for %(subject)s."),
    ),
    "account.password_allowed": Wording(
        _l("Password sign-in allowed"),
        _l("%(actor)s allowed %(subject)s to sign in with a password."),
    ),
    "identity.signed_in": Wording(
        _l("Signed in through an organisation"),
        _l("%(actor)s signed in through the identity provider %(provider)s."),
    ),
    "identity.sign_in_refused": Wording(
        _l("Sign-in through an organisation refused"),
        _l("A sign-in through the identity provider %(subject)s was refused: %(why)s."),
    ),
    "accessibility.feedback": Wording(
        _l("Feedback on accessibility"), _l("%(actor)s sent feedback on accessibility.")
    ),
    # SCIM provisioning (identity): a directory acts with its token, not as a person.
    "scim.directory_created": Wording(
        _l("SCIM directory added"),
        _l("%(actor)s added the directory %(directory)s and made its SCIM token."),
    ),
    "scim.token_issued": Wording(
        _l("SCIM token replaced"),
        _l("%(actor)s made a new SCIM token for %(directory)s; the old one no longer works."),
    ),
    "scim.token_revoked": Wording(
        _l("SCIM token revoked"), _l("%(actor)s revoked the SCIM token of %(directory)s.")
    ),
    "scim.token_used": Wording(
        _l("SCIM token used"), _l("The directory %(directory)s used its SCIM token.")
    ),
    "scim.token_refused": Wording(
        _l("SCIM token refused"),
        _l("A SCIM request with a wrong or revoked token was refused."),
    ),
    "scim.person_created": Wording(
        _l("Account provisioned"),
        _l("The directory %(directory)s created the account of %(subject)s."),
    ),
    "scim.person_changed": Wording(
        _l("Provisioned account changed"),
        _l("The directory %(directory)s changed the account of %(subject)s: %(changed)s."),
    ),
    "scim.person_deleted": Wording(
        _l("Provisioned account deleted"),
        _l("The directory %(directory)s deleted the account of %(subject)s."),
    ),
    "scim.centre_created": Wording(
        _l("Centre provisioned"),
        _l("The directory %(directory)s created the centre %(subject)s."),
    ),
    "scim.centre_changed": Wording(
        _l("Provisioned centre changed"),
        _l("The directory %(directory)s changed the centre %(subject)s or its people."),
    ),
    "scim.centre_removed": Wording(
        _l("Centre no longer provisioned"),
        _l(
            "The directory %(directory)s no longer provisions into the centre %(subject)s;"
            " the centre and its people stay."
        ),
    ),
}


# Why a sign-in through an identity provider was refused (identity.operations.refuse).
REFUSALS = {
    "unknown centre claim": _l("the organisation (tenant) is not mapped to a centre"),
    "configured centre missing": _l("the centre set for the provider does not exist"),
    "e-mail has an unlinked account": _l("an account not linked to the provider has the e-mail"),
    "account not creatable": _l("no account could be made from what the provider sent"),
    "no subject": _l("the provider did not say who the person is"),
    "no e-mail": _l("the provider sent no e-mail address"),
    "account closed": _l("the account is closed"),
    "provider unreachable": _l("the provider could not be reached"),
    "token exchange failed": _l("the code could not be exchanged for tokens"),
    "no id token": _l("the provider sent no ID token"),
    "bad signature": _l("the ID token's signature is not right"),
    "expired": _l("the ID token had expired"),
    "wrong audience": _l("the ID token was meant for another service"),
    "wrong nonce": _l("the ID token answers another request (nonce)"),
    "wrong issuer": _l("the ID token came from another issuer"),
    "not verified": _l("the answer could not be verified"),
    "request not made": _l("the request to the provider could not be made"),
    "no request of ours": _l("the answer responds to no request of ours"),
    "assertion not encrypted": _l("the assertion was not encrypted"),
    "signature not valid": _l("the assertion was not signed, or not with the provider's key"),
    "replayed": _l("the answer had been used already"),
}


def label(action: str) -> str:
    """The kind of event in words; an action without words as its code."""
    wording = WORDINGS.get(action)
    return str(wording.label) if wording else action


def _ids(value: Any) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _subject_id(subject: str, kind: str) -> int | None:
    found, _colon, identifier = subject.partition(":")
    return int(identifier) if found == kind and identifier.isdigit() else None


class Names:
    """The people and centres a batch of events names, and how each value reads."""

    def __init__(self, events: Iterable[AuditEvent]):
        user_ids: set[int] = set()
        centre_ids: set[int] = set()
        for event in events:
            detail = _changes(event)
            user_ids.update(_ids(event.actor_id), _ids(_subject_id(event.subject, "user")))
            user_ids.update(_ids(detail.get("user")))
            centre_ids.update(_ids(_subject_id(event.subject, "centre")))
            centre_ids.update(_ids(detail.get("centre")), _ids(detail.get("centres")))
            if _reads_as(event, "before") in ("centre", "centres"):
                centre_ids.update(_ids(detail.get("before")), _ids(detail.get("after")))
        self.people = {
            user.id: user for user in db.session.scalars(select(User).where(User.id.in_(user_ids)))
        }
        found = db.session.execute(select(Centre.id, Centre.name).where(Centre.id.in_(centre_ids)))
        self.centre_names = dict(found.all())

    def user(self, user_id: Any) -> str:
        person = self.people.get(user_id)
        return person.name if person else _("person no. %(id)s", id=user_id)

    def actor(self, event: AuditEvent) -> str:
        if event.actor_id is not None:
            return self.user(event.actor_id)
        # Nobody signed in: a visitor's request has an address, a server command none.
        return _("A visitor") if event.address else _("The system")

    def actor_with_email(self, event: AuditEvent) -> str:
        person = self.people.get(event.actor_id) if event.actor_id is not None else None
        return f"{person.name} <{person.email}>" if person else self.actor(event)

    def centre(self, centre_id: Any) -> str:
        if centre_id is None:
            return _("no centre")
        return self.centre_names.get(centre_id) or _("centre no. %(id)s", id=centre_id)

    def centres(self, centre_ids: Any) -> str:
        names = sorted(self.centre(centre_id) for centre_id in centre_ids or [])
        return ", ".join(names) if names else _("none")

    def role(self, role: Any) -> str:
        return str(ROLE_NAMES.get(role, role))

    def language(self, language: Any) -> str:
        return LANGUAGE_NAMES.get(language, str(language))

    def date(self, iso_date: Any) -> str:
        return format_date(date.fromisoformat(iso_date), "long") if iso_date else _("no due date")

    def why(self, value: Any) -> str:
        return str(REFUSALS.get(value, value))

    def text(self, value: Any) -> str:
        return DASH if value is None else str(value)

    def subject(self, event: AuditEvent) -> str:
        """What the event is about, by name: a person, a centre, or as recorded."""
        if (user_id := _subject_id(event.subject, "user")) is not None:
            return self.user(user_id)
        if (centre_id := _subject_id(event.subject, "centre")) is not None:
            return self.centre(centre_id)
        if "code" in event.detail:
            return event.detail["code"]
        return event.subject.partition(":")[2] or event.subject


class _Values(dict):
    """A sentence's values; a value an older event lacks reads as a dash."""

    def __missing__(self, key: str) -> str:
        return DASH


# Details whose values name something: read through the Names method of the same name.
NAMED = ("user", "centre", "centres", "role", "language", "why")


def _changes(event: AuditEvent) -> dict[str, Any]:
    """The detail, with older events' "from"/"to" and "due_on" as before and after."""
    detail = dict(event.detail or {})
    if "from" in detail:
        detail["before"], detail["after"] = detail.pop("from"), detail.pop("to", None)
    if "due_on" in detail:
        detail["after"] = detail.pop("due_on")
    return detail


def _reads_as(event: AuditEvent, key: str) -> str:
    """The Names method that reads this value of the event's detail."""
    if key in ("before", "after") and event.action in WORDINGS:
        return WORDINGS[event.action].values
    return key if key in NAMED else "text"


def describe(event: AuditEvent, names: Names) -> str:
    """The event as one sentence in the reader's language."""
    wording = WORDINGS.get(event.action)
    if wording is None:
        return f"{event.action} {event.subject}"
    values = _Values(
        {
            key: getattr(names, _reads_as(event, key))(value)
            for key, value in _changes(event).items()
        }
    )
    values.update(actor=names.actor(event), subject=names.subject(event))
    return str(wording.sentence) % values
