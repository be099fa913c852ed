"""Demo centres and accounts for trying the app; safe to run again."""

from sqlalchemy import select

from trainer.extensions import db
from trainer.modules.accounts import operations
from trainer.modules.accounts.models import Centre, User, user_by_email
from trainer.modules.accounts.passwords import hash_password

DEMO_PASSWORD = "demopassword"  # noqa: S105 - documented in the README, demo only
DEMO_CENTRES = ("Example Reception Centre Helsinki", "Example Reception Centre Oulu")
DEMO_ACCOUNTS = (
    ("learner@example.org", "Laura Learner", "learner", "fi"),
    ("trainer@example.org", "Tarja Trainer", "trainer", "fi"),
    ("manager@example.org", "Mikko Manager", "manager", "fi"),
    ("admin@example.org", "Aino Admin", "admin", "en"),
)


def _centre(name: str) -> Centre:
    existing = db.session.scalar(select(Centre).where(Centre.name == name))
    return existing or operations.create_centre(name)


def seed_demo_accounts() -> list[User]:
    """Create what is missing of the demo centres and accounts; change nothing else."""
    centres = [_centre(name) for name in DEMO_CENTRES]
    users = []
    for email, name, role, locale in DEMO_ACCOUNTS:
        user = user_by_email(email)
        if user is None:
            user = operations.create_user(
                email=email, name=name, role=role, locale=locale, centre=centres[0]
            )
            # The password policy refuses this well-known password, as it should; the
            # demo sets it directly so everyone can try the demo with it.
            user.password_hash = hash_password(DEMO_PASSWORD)
        if role == "manager" and not user.managed_centres:
            user.managed_centres = [centres[0]]
        users.append(user)
    db.session.flush()
    return users
