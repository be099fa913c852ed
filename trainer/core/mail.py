"""E-mail: queued in the request's transaction, composed and delivered by the worker.

A module registers a composer per kind of message (`@composer("invitation")`) and
queues messages with `queue("invitation", {...}, user_id=...)`. The job keeps only
what the composer needs (ids and dates), never the text: the body of an invitation
holds a working link, and the database must not. The worker composes each message in
its recipient's language (`flask_babel.force_locale`, in the composer) and sends it
over one SMTP connection per run.

Links in e-mails always use BASE_URL, never the address a request came in on, so a
forged Host header cannot point a password link elsewhere.

Without SMTP (development, or production with TRAINER_MAIL_LOG_ONLY=true on purpose)
each message is written to the log as its recipient and subject only: a body may hold
a link that opens an account.
"""

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from flask import current_app

from trainer.core import jobs

SMTP_TIMEOUT_SECONDS = 20
KIND_PREFIX = "mail."


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    reply_to: str | None = None


Composer = Callable[[dict[str, Any]], Mail | None]
# What each kind of message is called on the pages that show the outbox.
LABELS: dict[str, Any] = {}


def composer(name: str, label: Any) -> Callable[[Composer], Composer]:
    """Register how to write messages of kind `name` from a job's payload, and what the
    kind is called (`label`, a lazy string). A composer returns None when there is
    nothing to send any more (the link was used, say)."""

    def register(compose: Composer) -> Composer:
        LABELS[name] = label

        @jobs.handler(KIND_PREFIX + name)
        def deliver(job: jobs.Job, batch: jobs.Batch) -> jobs.JobStatus | None:
            mail = compose(job.payload)
            if mail is None:
                return jobs.JobStatus.CANCELLED
            batch.resource("postman", postman).deliver(_message(mail, job), job)
            return None

        return compose

    return register


def queue(name: str, payload: dict[str, Any], *, user_id: int | None = None) -> jobs.Job:
    """Queue a message in the caller's transaction; the worker sends it once committed."""
    return jobs.enqueue(KIND_PREFIX + name, payload, user_id=user_id)


def queue_many(name: str, messages: list[tuple[dict[str, Any], int | None]]) -> None:
    """Queue many messages of one kind from (payload, user_id), in one INSERT."""
    jobs.enqueue_many(KIND_PREFIX + name, messages)


def kind_name(kind: str) -> str:
    return kind.removeprefix(KIND_PREFIX)


def kind_label(kind: str) -> str:
    name = kind_name(kind)
    return str(LABELS.get(name, name))


def log_only() -> bool:
    config = current_app.config
    return bool(config["MAIL_LOG_ONLY"] or not config.get("SMTP_HOST"))


def _message(mail: Mail, job: jobs.Job) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = mail.to
    message["Subject"] = mail.subject
    if mail.reply_to:
        message["Reply-To"] = mail.reply_to
    # The same for every attempt, so a copy sent twice (a worker killed just after the
    # server took it) can be recognised as one message.
    host = urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"
    message["Message-ID"] = f"<job-{job.id}.{job.created_at:%Y%m%d%H%M%S}@{host}>"
    message.set_content(mail.body)
    return message


def postman():
    return LogPostman() if log_only() else SmtpPostman()


class LogPostman:
    """Writes who would have got which message; never the body."""

    def __enter__(self) -> "LogPostman":
        return self

    def __exit__(self, *exc_info) -> None:
        pass

    def deliver(self, message: EmailMessage, job: jobs.Job) -> None:
        # A warning, so it shows with the default log level: nothing was delivered.
        current_app.logger.warning(
            "e-mail not sent (no SMTP server; TRAINER_MAIL_LOG_ONLY): job %d, %s to %s: %s",
            job.id,
            kind_name(job.kind),
            message["To"],
            message["Subject"],
        )


def _permanent(code: int) -> bool:
    return 500 <= code < 600


class SmtpPostman:
    """One connection to the SMTP server, opened on first use, for a run of the worker.

    A server that cannot be reached, refuses our login or our sender, or drops the
    connection is down for every message (ServiceDown: the run stops and retries later);
    a 5xx answer about one message fails that message (Failed); a 4xx one is retried.
    """

    def __init__(self) -> None:
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> "SmtpPostman":
        return self

    def __exit__(self, *exc_info) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None

    def _connect(self) -> smtplib.SMTP:
        config = current_app.config
        try:
            smtp = smtplib.SMTP(
                config["SMTP_HOST"], config["SMTP_PORT"], timeout=SMTP_TIMEOUT_SECONDS
            )
            try:
                if config["SMTP_STARTTLS"]:
                    smtp.starttls(context=ssl.create_default_context())
                if config.get("SMTP_USERNAME"):
                    smtp.login(config["SMTP_USERNAME"], config.get("SMTP_PASSWORD") or "")
            except BaseException:
                smtp.close()
                raise
        except (OSError, smtplib.SMTPException) as error:
            raise jobs.ServiceDown(f"SMTP server {config['SMTP_HOST']}: {error}") from error
        return smtp

    def deliver(self, message: EmailMessage, job: jobs.Job) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _text in error.recipients.values()]
            if all(_permanent(code) for code in codes):
                raise jobs.Failed(f"recipient refused: {error.recipients}") from error
            raise
        except smtplib.SMTPSenderRefused as error:
            raise jobs.ServiceDown(
                f"sender refused: {error.smtp_code} {error.smtp_error!r}"
            ) from error
        except smtplib.SMTPResponseException as error:
            if _permanent(error.smtp_code):
                raise jobs.Failed(f"refused: {error.smtp_code} {error.smtp_error!r}") from error
            raise
        except (OSError, smtplib.SMTPException) as error:
            self._smtp.close()
            self._smtp = None
            raise jobs.ServiceDown(f"SMTP connection lost: {error}") from error
