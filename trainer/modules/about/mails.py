"""The e-mail that brings accessibility feedback to an admin, in the admin's language.

The job names the audit event that holds the message and the recipient; the text is
read from the event when the worker writes the e-mail.
"""

from flask import current_app
from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from trainer.core import mail
from trainer.core.audit import AuditEvent
from trainer.core.i18n import DEFAULT_LANGUAGE
from trainer.core.mail import Mail
from trainer.core.urls import link_in_language
from trainer.extensions import db
from trainer.modules.accounts.models import User

FEEDBACK_MAIL = "accessibility_feedback"


def _recipient(payload: dict) -> tuple[str, str] | None:
    """(address, language) of whom the message goes to, or None if they are gone."""
    if payload.get("contact"):
        address = current_app.config.get("ORG_CONTACT_EMAIL")
        return (address, DEFAULT_LANGUAGE) if address else None
    user = db.session.get(User, payload.get("user_id"))
    if user is None or not user.is_active:
        return None
    return user.email, user.locale or DEFAULT_LANGUAGE


@mail.composer(FEEDBACK_MAIL, _l("Accessibility feedback"))
def compose_feedback(payload: dict) -> Mail | None:
    event = db.session.get(AuditEvent, payload["event_id"])
    recipient = _recipient(payload)
    if event is None or recipient is None:
        return None
    address, language = recipient
    detail = event.detail or {}
    with force_locale(language):
        paragraphs = [
            _(
                "Someone sent feedback on accessibility through the form of the "
                "accessibility statement, on %(when)s.",
                when=format_datetime(event.at, "short"),
            ),
            _("Reply to: %(email)s", email=detail.get("email") or _("no address given")),
        ]
        if detail.get("page"):
            paragraphs.append(_("About the page: %(page)s", page=detail["page"]))
        paragraphs += [
            _("Message:"),
            detail.get("message", ""),
            _(
                "Every message is listed at %(url)s",
                url=link_in_language("about.feedback", language),
            ),
        ]
        return Mail(
            to=address,
            subject=_("Accessibility feedback on the trafficking awareness course"),
            body="\n\n".join(paragraphs) + "\n",
            reply_to=detail.get("email") or None,
        )
