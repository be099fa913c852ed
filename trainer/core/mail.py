"""E-mail: plain-text messages sent through the configured SMTP server, or to the log.

Messages are composed by the module that sends them, in the recipient's language
(`flask_babel.force_locale`); this module only builds, delivers and links. Links in
e-mails always use BASE_URL, never the address a request came in on, so a forged Host
header cannot point a password link elsewhere.
"""

import smtplib
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import urlsplit

from flask import current_app

SMTP_TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def external_url(endpoint: str, **values: object) -> str:
    """The absolute address of `endpoint` under BASE_URL, with or without a request."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)


def _message(mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Message-ID"] = make_msgid(domain=urlsplit(current_app.config["BASE_URL"]).hostname)
    message.set_content(mail.body)
    return message


def send(mails: Iterable[Mail]) -> list[str]:
    """Deliver every message; return the addresses that could not be reached.

    With no SMTP_HOST (development) each message is written to the log instead.
    """
    mails = list(mails)
    if not mails:
        return []
    if not current_app.config.get("SMTP_HOST"):
        for mail in mails:
            _log(mail)
        return []
    try:
        return _send_smtp(mails)
    except (OSError, smtplib.SMTPException):
        current_app.logger.exception("could not deliver %d e-mail(s)", len(mails))
        return [mail.to for mail in mails]


def _send_smtp(mails: list[Mail]) -> list[str]:
    config = current_app.config
    failed = []
    with smtplib.SMTP(
        config["SMTP_HOST"], config["SMTP_PORT"], timeout=SMTP_TIMEOUT_SECONDS
    ) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config.get("SMTP_USERNAME"):
            smtp.login(config["SMTP_USERNAME"], config.get("SMTP_PASSWORD") or "")
        for mail in mails:
            try:
                smtp.send_message(_message(mail))
            except smtplib.SMTPRecipientsRefused:
                current_app.logger.warning("e-mail to %s refused by the server", mail.to)
                failed.append(mail.to)
    return failed


def _log(mail: Mail) -> None:
    # A warning, so it shows with the default log level: nothing was delivered.
    current_app.logger.warning(
        "no TRAINER_SMTP_HOST; e-mail not sent but logged:\nTo: %s\nSubject: %s\n\n%s",
        mail.to,
        mail.subject,
        mail.body,
    )
