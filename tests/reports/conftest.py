"""A centre whose answers are known, progress recorded as the app records it, and a mailbox."""

from collections.abc import Iterator
from datetime import timedelta

import pytest

from tests.helpers.app import PASSWORD
from tests.helpers.mailbox import Mailbox
from tests.helpers.progress import finish, person, read, sit_quiz
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.invitations import Purpose, issue
from trainer.modules.accounts.models import User
from trainer.modules.accounts.operations import create_user
from trainer.modules.reports.models import CentreDeadline, PersonDeadline
from trainer.modules.reports.progress import local_today


@pytest.fixture
def staff(users, centres) -> dict[str, User]:
    """Centre A: 7 learners (2 completed, 2 in progress, 3 not started, 1 overdue, 1
    certificate expiring within 60 days); centre B: 2 learners and their own manager."""
    a, b = centres["a"], centres["b"]
    made = {"learner": users["learner"]}
    made["dora"] = person("Dora Done", a)
    finish(made["dora"])
    made["hugo"] = person("Hugo Half", a)
    read(made["hugo"], "recognising", "definition", "indicators")
    sit_quiz(made["hugo"], "recognising", 85.0)
    read(made["hugo"], "helping", "first-contact")
    made["fay"] = person("Fay Failed", a)
    read(made["fay"], "recognising", "definition")
    sit_quiz(made["fay"], "recognising", 50.0)
    made["liam"] = person("Liam Late", a)
    db.session.add(PersonDeadline(user_id=made["liam"].id, due_on=local_today() - timedelta(1)))
    made["ivy"] = person("Ivy Invited", a, password=False)
    issue(made["ivy"], Purpose.INVITATION)
    made["eve"] = person("Eve Expiring", a)
    finish(made["eve"], (100.0, 75.0)).expires_at = utcnow() + timedelta(days=30)
    db.session.add(CentreDeadline(centre_id=a.id, due_on=local_today() + timedelta(10)))
    made["bob"] = person("Bob Bcentre", b)
    finish(made["bob"])
    made["bea"] = person("Bea Bcentre", b)
    read(made["bea"], "recognising", "definition")
    made["manager_b"] = create_user(
        email="manager_b@example.org",
        name="Manager Of B",
        role="manager",
        locale="en",
        centre=b,
        password=PASSWORD,
    )
    made["manager_b"].managed_centres = [b]
    db.session.commit()
    return made


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with Mailbox() as box:
        yield box
