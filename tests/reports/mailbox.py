"""A real SMTP server on loopback for the tests (aiosmtpd), and the messages it received."""

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """Start with `with Mailbox() as box:`; point the app at `box.settings`."""

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def __enter__(self) -> "Mailbox":
        self._controller.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._controller.stop()

    @property
    def settings(self) -> dict:
        return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": self.port, "SMTP_STARTTLS": False}

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def body(message: EmailMessage) -> str:
        return message.get_body(("plain",)).get_content()
