"""Certificates issued the way the app issues them, and people to try them on."""

import pytest

from tests.helpers.app import PASSWORD
from tests.helpers.certificates import issue_for
from trainer.extensions import db
from trainer.modules.accounts.operations import create_user
from trainer.modules.certificates.models import Certificate


@pytest.fixture
def people(users, centres):
    """Beyond the role fixtures: a second learner in centre A, and centre B's own people."""
    made = dict(users)
    made["colleague"] = create_user(
        email="colleague@example.org",
        name="Other Learner",
        locale="en",
        centre=centres["a"],
        password=PASSWORD,
    )
    made["learner_b"] = create_user(
        email="learner_b@example.org",
        name="Learner In B",
        locale="en",
        centre=centres["b"],
        password=PASSWORD,
    )
    made["manager_b"] = create_user(
        email="manager_b@example.org",
        name="Manager Of B",
        role="manager",
        locale="en",
        centre=centres["b"],
        password=PASSWORD,
    )
    made["manager_b"].managed_centres = [centres["b"]]
    db.session.commit()
    return made


@pytest.fixture
def certificate(users) -> Certificate:
    """The learner's certificate, in English."""
    return issue_for(users["learner"])
