"""The managers' weekly digest names, under overdue, everyone behind: a module retake
past its due date, or the course past the person's (or their centre's) due date; each
person once, in the manager's language."""

from datetime import timedelta

import pytest
from flask_babel import force_locale, format_date

from tests.cycles.conftest import START
from tests.helpers.mailbox import Mailbox
from tests.helpers.progress import finish, person
from trainer.core.time import travel_to
from trainer.extensions import db
from trainer.modules.cycles.models import ModuleRetake
from trainer.modules.reports.operations import set_centre_due_date, set_person_due_date

DUE = (START - timedelta(days=10)).date()


@pytest.fixture
def behind(users, centres):
    """Olli past his own and his centre's due date (as is the centre's Test Learner);
    Pia due next month; Kaisa past the date but done; Rami certified and late with a
    retake; Bert overdue in a centre the manager does not manage."""
    users["manager"].locale = "fi"
    made = {
        "olli": person("Olli Overdue", centres["a"]),
        "pia": person("Pia Punctual", centres["a"]),
        "kaisa": person("Kaisa Completed", centres["a"]),
        "rami": person("Rami Retaking", centres["a"]),
        "bert": person("Bert Elsewhere", centres["b"]),
    }
    set_centre_due_date(centres["a"].id, DUE, None)
    set_centre_due_date(centres["b"].id, DUE, None)
    set_person_due_date(made["olli"].id, DUE - timedelta(days=5), None)
    set_person_due_date(made["pia"].id, DUE + timedelta(days=40), None)
    with travel_to(START - timedelta(days=60)):
        finish(made["kaisa"])
        finish(made["rami"])
    db.session.add(
        ModuleRetake(
            user_id=made["rami"].id,
            cycle=1,
            module_id="helping",
            from_version="v1",
            version="v2",
            due_at=START - timedelta(days=2),
        )
    )
    db.session.commit()
    return made


def test_people_past_their_due_date_are_overdue_once_in_the_managers_language(
    app, users, behind, mailbox, run_cycles
):
    with travel_to(START):
        run_cycles()
        run_cycles()  # once a week, however often cron runs it
    (digest,) = mailbox.to(users["manager"].email)
    lines = Mailbox.body(digest).splitlines()
    assert digest["Subject"] == "Viikkokooste yksikköjesi todistuksista"
    with force_locale("fi"):
        olli_due = format_date(DUE - timedelta(days=5), "long")
        rami_due = format_date((START - timedelta(days=2)).date(), "long")
        centre_due = format_date(DUE, "long")
    start = lines.index("Myöhässä oleva koulutus (3)")
    assert lines[start + 1 : start + 4] == [
        f"- Olli Overdue: kurssi, määräpäivä {olli_due}",
        f"- Rami Retaking: moduulin Mahdollisen uhrin auttaminen uusinta, määräpäivä {rami_due}",
        f"- Test Learner: kurssi, määräpäivä {centre_due}",
    ]
    body = "\n".join(lines)
    assert body.count("Olli Overdue") == 1
    for name in ("Pia Punctual", "Kaisa Completed", "Bert Elsewhere"):
        assert name not in body
