"""A real SMTP server on loopback for the tests (aiosmtpd), the messages it received,
and `deliver()`, which runs the mail worker's pass over the outbox in the test."""

import asyncio
import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def deliver():
    """Send what is due in the outbox, as `trainer mail send` does; return the outcome."""
    from trainer.core import jobs, mail

    return jobs.run_due(mail.KIND_PREFIX)


class Mailbox:
    """Start with `with Mailbox() as box:`; point the app at `box.settings`.

    With `holding` set, the server takes a message's DATA and then waits before
    answering (a slow server), so a test can kill a worker in the middle of sending;
    a message is recorded only if the client is still there to hear the 250.
    """

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.messages: list[EmailMessage] = []
        self.holding = False
        self.data_started = 0
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        self.data_started += 1
        while self.holding:
            await asyncio.sleep(0.02)
        if server.transport is None or server.transport.is_closing():
            return "421 The client left before the message was accepted"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def start(self) -> "Mailbox":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> "Mailbox":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def settings(self) -> dict:
        return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": self.port, "SMTP_STARTTLS": False}

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def body(message: EmailMessage) -> str:
        return message.get_body(("plain",)).get_content()
