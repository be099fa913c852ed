"""The centres and users of the `centres` and `users` fixtures: made, or read back from a
database copied after they were made there."""

from sqlalchemy import select

from tests.helpers.app import PASSWORD
from trainer.extensions import db

CENTRES = {"a": "Centre A", "b": "Centre B"}
ROLES = ("learner", "trainer", "manager", "admin")
# The settings that making them reads: a test that sets one gets them made afresh.
SETTINGS_READ = frozenset({"PASSWORD_HASH_METHOD", "BASE_URL"})


def make_centres() -> dict:
    from trainer.modules.accounts.operations import create_centre

    made = {key: create_centre(name) for key, name in CENTRES.items()}
    db.session.commit()
    return made


def make_users(centres: dict) -> dict:
    """One user of every role; the manager manages centre A; all have PASSWORD."""
    from trainer.modules.accounts.operations import create_user

    made = {}
    for role in ROLES:
        made[role] = create_user(
            email=f"{role}@example.org",
            name=f"Test {role.title()}",
            role=role,
            locale="en",
            centre=centres["a"],
            password=PASSWORD,
        )
    made["manager"].managed_centres = [centres["a"]]
    db.session.commit()
    return made


def read_centres() -> dict:
    """The centres as `make_centres` returns them: committed, so expired, so a test reads
    what a request has since written."""
    from trainer.modules.accounts.models import Centre

    by_name = {c.name: c for c in db.session.scalars(select(Centre))}
    read = {key: by_name[name] for key, name in CENTRES.items()}
    db.session.commit()
    return read


def read_users() -> dict:
    """The users as `make_users` returns them, expired as after its commit."""
    from trainer.modules.accounts.models import user_by_email

    read = {role: user_by_email(f"{role}@example.org") for role in ROLES}
    db.session.commit()
    return read
