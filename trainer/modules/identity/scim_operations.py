"""What a directory changes through SCIM: people and the centres they are in. Functions
flush; the view commits once. A refusal raises a SCIMException (scim2-models), which
the view answers as a SCIM error, and changes nothing.

Deactivating a person closes their account and ends every session at once; their
records and certificates stay. Deleting asks the personal-data deletion (privacy,
a layer above) through the `person_deletion_requested` signal, so it follows the
same rules as an admin's deletion.
"""

from typing import Any

from blinker import Namespace
from scim2_models import InvalidValueException, NotFoundException, UniquenessException
from sqlalchemy import select

from trainer.core import audit
from trainer.core.inputs import is_plain_text, whole_number
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import EMAIL_LENGTH, Centre, User, user_by_email
from trainer.modules.accounts.operations import (
    AccountError,
    checked_email,
    checked_name,
    create_centre,
    create_user,
    rename_centre,
    update_user,
)
from trainer.modules.identity.models import ScimCentre, ScimDirectory, ScimPerson
from trainer.modules.identity.scim import PersonFields

signals = Namespace()
# Sent with the account and actor_id=None; privacy deletes the person's data.
person_deletion_requested = signals.signal("person-deletion-requested")


def _record(directory: ScimDirectory, action: str, subject: str, **detail: Any) -> None:
    audit.record(None, action, subject, {"directory": directory.name, **detail})


def _checked(fields: PersonFields) -> tuple[str, str]:
    try:
        return checked_email(fields.email), checked_name(fields.name)
    except AccountError as error:
        raise InvalidValueException(detail=str(error)) from None


def _user_name_free(user_name: str, person: ScimPerson | None = None) -> None:
    if not user_name.strip() or len(user_name) > EMAIL_LENGTH or not is_plain_text(user_name):
        raise InvalidValueException(
            detail=f"userName: plain text of 1 to {EMAIL_LENGTH} characters"
        )
    taken = db.session.scalar(select(ScimPerson).where(ScimPerson.user_name == user_name))
    if taken is not None and taken is not person:
        raise UniquenessException(detail=f"userName {user_name!r} is taken")


def _email_free(email: str, user: User | None = None) -> None:
    if "@" not in email:
        raise InvalidValueException(detail="emails: an e-mail address is needed")
    taken = user_by_email(email)
    if taken is not None and taken is not user:
        raise UniquenessException(detail=f"an account with the e-mail {email!r} exists")


def create_person(directory: ScimDirectory, fields: PersonFields) -> ScimPerson:
    """A new learner account, in no centre until a group names them."""
    email, name = _checked(fields)
    _user_name_free(fields.user_name)
    _email_free(email)
    user = create_user(email=email, name=name, locale=fields.locale or "fi")
    if fields.active is False:
        _set_active(user, False)
    person = ScimPerson(
        directory_id=directory.id,
        user=user,
        user_name=fields.user_name,
        attributes=fields.attributes,
    )
    db.session.add(person)
    db.session.flush()
    _record(directory, "scim.person_created", f"user:{user.id}")
    return person


def replace_person(person: ScimPerson, fields: PersonFields) -> ScimPerson:
    """The person as the directory now describes them (PUT, and PATCH once applied)."""
    email, name = _checked(fields)
    _user_name_free(fields.user_name, person)
    _email_free(email, person.user)
    user = person.user
    changed = {
        key
        for key in {*fields.attributes, *person.attributes}
        if fields.attributes.get(key) != person.attributes.get(key)
    }
    user.email, user.name = email, name
    if fields.locale:
        user.locale = fields.locale
    if fields.active is not None and fields.active != user.is_active_account:
        changed.add("active")
        _set_active(user, fields.active)
    person.user_name, person.attributes = fields.user_name, fields.attributes
    person.updated_at = utcnow()
    db.session.flush()
    if changed:
        _record(
            person.directory,
            "scim.person_changed",
            f"user:{user.id}",
            changed=", ".join(sorted(changed)),
        )
    return person


def _set_active(user: User, active: bool) -> None:
    """Close or reopen the account by the accounts' own rule: closing ends every session."""
    update_user(
        user,
        actor_id=None,
        role=user.role,
        centre=user.centre,
        managed=list(user.managed_centres),
        is_active=active,
    )


def delete_person(person: ScimPerson) -> None:
    user, directory = person.user, person.directory
    _record(directory, "scim.person_deleted", f"user:{user.id}")
    db.session.delete(person)
    db.session.flush()
    handled = person_deletion_requested.send(user, actor_id=None)
    if not handled:  # never report a deletion that did not happen
        raise RuntimeError("no receiver deletes personal data (privacy is not loaded)")


def people_of(directory: ScimDirectory) -> list[ScimPerson]:
    return list(
        db.session.scalars(
            select(ScimPerson)
            .where(ScimPerson.directory_id == directory.id)
            .join(ScimPerson.user)
            .order_by(ScimPerson.id)
        )
    )


def centres_of(directory: ScimDirectory) -> list[ScimCentre]:
    return list(
        db.session.scalars(
            select(ScimCentre)
            .where(ScimCentre.directory_id == directory.id)
            .join(ScimCentre.centre)
            .order_by(ScimCentre.centre_id)
        )
    )


def create_group(
    directory: ScimDirectory, name: str, external_id: str | None, members: list[str]
) -> ScimCentre:
    """A new centre the directory provisions into; a name taken by a centre is a conflict
    (an admin may give that centre to the directory instead)."""
    name = _checked_centre_name(name)
    try:
        centre = create_centre(name)
    except AccountError as error:
        raise UniquenessException(detail=str(error)) from None
    link = ScimCentre(directory_id=directory.id, centre=centre, external_id=external_id)
    db.session.add(link)
    db.session.flush()
    _record(directory, "scim.centre_created", f"centre:{centre.id}")
    set_members(link, members)
    return link


def _checked_centre_name(name: str) -> str:
    try:
        name = checked_name(name)
    except AccountError as error:
        raise InvalidValueException(detail=str(error)) from None
    if not name:
        raise InvalidValueException(detail="displayName: a centre needs a name")
    return name


def replace_group(
    link: ScimCentre, name: str, external_id: str | None, members: list[str]
) -> ScimCentre:
    name = _checked_centre_name(name)
    try:
        rename_centre(link.centre, name)
    except AccountError as error:
        raise UniquenessException(detail=str(error)) from None
    link.external_id = external_id
    link.updated_at = utcnow()
    set_members(link, members)
    _record(link.directory, "scim.centre_changed", f"centre:{link.centre_id}")
    return link


def set_members(link: ScimCentre, member_ids: list[str]) -> None:
    """The directory's people in the centre become exactly these: those named move into
    it, the others leave it (for no centre)."""
    people = {str(p.user_id): p for p in people_of(link.directory)}
    unknown = [m for m in member_ids if m not in people]
    if unknown:
        raise InvalidValueException(detail=f"members: no User {', '.join(unknown)} here")
    for user_id, person in people.items():
        user = person.user
        inside = user_id in member_ids
        if inside and user.centre_id != link.centre_id:
            _move(user, link.centre)
        elif not inside and user.centre_id == link.centre_id:
            _move(user, None)
    link.updated_at = utcnow()
    db.session.flush()


def _move(user: User, centre: Centre | None) -> None:
    update_user(
        user,
        actor_id=None,
        role=user.role,
        centre=centre,
        managed=list(user.managed_centres),
        is_active=user.is_active_account,
    )


def remove_group(link: ScimCentre) -> None:
    """The directory stops provisioning into the centre; the centre and its people stay."""
    _record(link.directory, "scim.centre_removed", f"centre:{link.centre_id}")
    db.session.delete(link)
    db.session.flush()


def person_or_404(directory: ScimDirectory, user_id: str) -> ScimPerson:
    person = None
    if (number := whole_number(user_id, minimum=1)) is not None:
        person = db.session.scalar(
            select(ScimPerson).where(
                ScimPerson.directory_id == directory.id, ScimPerson.user_id == number
            )
        )
    if person is None:
        raise NotFoundException(detail=f"no User {user_id[:64]!r}")
    return person


def group_or_404(directory: ScimDirectory, centre_id: str) -> ScimCentre:
    link = None
    if (number := whole_number(centre_id, minimum=1)) is not None:
        link = db.session.scalar(
            select(ScimCentre).where(
                ScimCentre.directory_id == directory.id, ScimCentre.centre_id == number
            )
        )
    if link is None:
        raise NotFoundException(detail=f"no Group {centre_id[:64]!r}")
    return link
