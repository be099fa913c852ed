"""Who runs the service (TRAINER_ORG_*): named in every page's header and footer, in
the service pages, and on each certificate as its issuer."""

from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class Organisation:
    name: str | None
    url: str | None
    email: str | None
    address: str | None
    has_logo: bool

    @property
    def has_contact(self) -> bool:
        return bool(self.address or self.email or self.url)


def organisation() -> Organisation:
    """The organisation as configured; every part may be missing (None)."""
    config = current_app.config
    return Organisation(
        name=config.get("ORG_NAME") or None,
        url=config.get("ORG_URL") or None,
        email=config.get("ORG_CONTACT_EMAIL") or None,
        address=config.get("ORG_ADDRESS") or None,
        has_logo=bool(config.get("ORG_LOGO")),
    )
