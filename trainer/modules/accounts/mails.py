"""The e-mails of accounts, each written in its recipient's language."""

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from trainer.core.mail import Mail
from trainer.modules.accounts.invitations import AccountToken, link_for
from trainer.modules.accounts.models import Centre


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
