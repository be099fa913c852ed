"""The dashboard and its exports take a fixed number of queries whatever the number of
people and of training cycles each has been through (three here, with a retake owed
and a certificate in its second edition)."""

from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from tests.helpers.database import recorded_statements
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User
from trainer.modules.certificates.models import Certificate
from trainer.modules.courses import catalogue
from trainer.modules.cycles.models import ModuleRetake, TrainingCycle
from trainer.modules.learning.models import CaseChoice, CourseCompletion, LessonProgress
from trainer.modules.quizzes.models import QuizAttempt

CYCLE_DAYS = 700


def _people(start: int, count: int, centre: Centre, cycles: int) -> list[int]:
    db.session.execute(
        insert(User),
        [
            {
                "email": f"cycling{i}@example.org",
                "name": f"Cycling {i:05d}",
                "role": "learner",
                "locale": "en",
                "centre_id": centre.id,
                "cycle": cycles,
            }
            for i in range(start, start + count)
        ],
    )
    return list(
        db.session.scalars(
            select(User.id).where(User.name.like("Cycling %")).order_by(User.id).offset(start)
        )
    )


def _learning(ids: list[int], cycles: int) -> None:
    """Every cycle before the last completed; the last part-way, or done for a third."""
    module = catalogue().course("en").modules[0]
    now = utcnow()
    lessons, attempts, completions, choices, opened = [], [], [], [], []
    for user_id in ids:
        for cycle in range(1, cycles + 1):
            lessons += [
                {"user_id": user_id, "cycle": cycle, "module_id": module.id, "lesson_id": x.id}
                for x in module.lessons
            ]
            attempts.append(
                {
                    "user_id": user_id,
                    "cycle": cycle,
                    "module_id": module.id,
                    "content_version": module.version,
                    "language": "en",
                    "drawn": [],
                    "pass_mark": 80,
                    "score": 90.0,
                    "is_passed": True,
                    "submitted_at": now - timedelta(days=CYCLE_DAYS * (cycles - cycle)),
                }
            )
            choices.append(
                {"user_id": user_id, "cycle": cycle, "module_id": module.id,
                 "case_id": "case", "run": 1, "step_id": "start", "choice": 1}
            )  # fmt: skip
            if cycle < cycles or user_id % 3 == 0:
                completions.append({"user_id": user_id, "cycle": cycle})
            if cycle > 1:
                opened.append({"user_id": user_id, "number": cycle})
    for model, rows in [
        (LessonProgress, lessons),
        (QuizAttempt, attempts),
        (CaseChoice, choices),
        (CourseCompletion, completions),
        (TrainingCycle, opened),
    ]:
        if rows:
            db.session.execute(insert(model), rows)


def _certificates(ids: list[int], cycles: int) -> None:
    """A certificate for every completion, a second edition and a retake owed for some."""
    completions = db.session.execute(
        select(CourseCompletion.id, CourseCompletion.user_id, CourseCompletion.cycle).where(
            CourseCompletion.user_id.in_(ids)
        )
    ).all()
    now = utcnow()
    rows, retakes = [], []
    for completion_id, user_id, cycle in completions:
        editions = 2 if user_id % 4 == 0 else 1
        for edition in range(1, editions + 1):
            rows.append(
                {
                    "code": f"C{cycle}{edition}{user_id:013d}",
                    "user_id": user_id,
                    "completion_id": completion_id,
                    "edition": edition,
                    "language": "en",
                    "expires_at": now
                    + timedelta(days=30 * (user_id % 30) - 700 * (cycles - cycle)),
                    "snapshot": {},
                }
            )
        if user_id % 5 == 0:
            retakes.append(
                {"user_id": user_id, "cycle": cycle, "module_id": "helping",
                 "from_version": "v1", "version": f"v{cycle + 1}", "due_at": now}
            )  # fmt: skip
    if rows:
        db.session.execute(insert(Certificate), rows)
    if retakes:
        db.session.execute(insert(ModuleRetake), retakes)


def seed(start: int, count: int, centre: Centre, cycles: int) -> None:
    ids = _people(start, count, centre, cycles)
    _learning(ids, cycles)
    _certificates(ids, cycles)
    db.session.commit()


@pytest.mark.parametrize(
    "path",
    [
        "/reports",
        "/reports?cycle=retake-required&sort=certificate",
        "/reports/completion.csv",
        "/reports/completion.xlsx?cycle=valid",
    ],
)
@pytest.mark.parametrize("role", ["manager", "admin"])
def test_queries_do_not_grow_with_people_or_cycles(client, auth, users, centres, path, role):
    auth.login(role)
    seed(0, 10, centres["a"], cycles=1)
    with recorded_statements(db.engine) as one_cycle:
        assert client.get(path).status_code == 200
    seed(10, 10, centres["a"], cycles=3)
    with recorded_statements(db.engine) as three_cycles:
        assert client.get(path).status_code == 200
    seed(20, 400, centres["a"], cycles=3)
    with recorded_statements(db.engine) as many:
        response = client.get(path)
    assert response.status_code == 200
    assert len(one_cycle) == len(three_cycles) == len(many) <= 8, many
    if ".xlsx" not in path:
        assert b"Cycling 0" in response.data  # the seeded people are the ones shown
    if path == "/reports/completion.csv":
        assert response.data.count(b"\r\n") == 1 + 420 + 1, "header, seeded, Test Learner"
