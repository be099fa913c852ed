"""The e-mails of accounts, each written in its recipient's language.

They are queued in the request's transaction (`queue_invitations`, `queue_reset`) and
written by the mail worker from the link's row, so the database never holds a working
link; a link that no longer works by then is not sent at all.
"""

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from trainer.core import mail
from trainer.core.mail import Mail
from trainer.extensions import db
from trainer.modules.accounts.invitations import link_for, works
from trainer.modules.accounts.models import AccountToken, Centre

INVITATION = "invitation"
RESET = "reset"


def queue_invitations(tokens: list[AccountToken]) -> None:
    mail.queue_many(INVITATION, [({"token_id": token.id}, token.user_id) for token in tokens])


def queue_reset(token: AccountToken) -> None:
    mail.queue(RESET, {"token_id": token.id}, user_id=token.user_id)


def _working_link(payload: dict) -> AccountToken | None:
    token = db.session.get(AccountToken, payload["token_id"])
    return token if token is not None and works(token) else None


@mail.composer(INVITATION, _l("Invitation"))
def compose_invitation(payload: dict) -> Mail | None:
    token = _working_link(payload)
    return invitation_mail(token) if token is not None else None


@mail.composer(RESET, _l("New password link"))
def compose_reset(payload: dict) -> Mail | None:
    token = _working_link(payload)
    return reset_mail(token) if token is not None else None


def _opened_for_you(centre: Centre | None) -> str:
    if centre is None:
        return _(
            "An account has been opened for you on the course on identifying, caring for "
            "and helping victims of human trafficking."
        )
    return _(
        "%(centre)s has opened an account for you on the course on identifying, "
        "caring for and helping victims of human trafficking.",
        centre=centre.name,
    )


def invitation_mail(token: AccountToken) -> Mail:
    person = token.user
    with force_locale(person.locale):
        paragraphs = [
            _("Hello %(name)s,", name=person.name),
            _opened_for_you(person.centre),
            _("Choose your password with this link to start:"),
            link_for(token),
            _(
                "The link works once, until %(date)s. If it has expired, ask your "
                "manager for a new one.",
                date=format_date(token.expires_at, "long"),
            ),
            _("Your user name is your e-mail address: %(email)s", email=person.email),
        ]
        return Mail(
            to=person.email,
            subject=_("Your account for the trafficking awareness course"),
            body="\n\n".join(paragraphs) + "\n",
        )


def reset_mail(token: AccountToken) -> Mail:
    person = token.user
    with force_locale(person.locale):
        paragraphs = [
            _("Hello %(name)s,", name=person.name),
            _("Someone asked for a new password for your account. Choose it with this link:"),
            link_for(token),
            _("The link works once, for one hour."),
            _("If it was not you, ignore this message: your password stays as it is."),
        ]
        return Mail(
            to=person.email,
            subject=_("A new password for the trafficking awareness course"),
            body="\n\n".join(paragraphs) + "\n",
        )
