"""The dashboard and the exports take as many queries for 1,000 learners as for 10."""

from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from tests.helpers.database import recorded_statements
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import AccountToken, Centre, User
from trainer.modules.certificates.models import Certificate
from trainer.modules.courses import catalogue
from trainer.modules.learning.models import CourseCompletion, LessonProgress
from trainer.modules.quizzes.models import QuizAttempt


def _people(start: int, count: int, centre: Centre) -> list[int]:
    db.session.execute(
        insert(User),
        [
            {
                "email": f"bulk{i}@example.org",
                "name": f"Bulk {i:05d}",
                "role": "learner",
                "locale": "en",
                "centre_id": centre.id,
                "password_hash": None if i % 5 == 0 else "not-a-real-hash",
            }
            for i in range(start, start + count)
        ],
    )
    return list(
        db.session.scalars(select(User.id).where(User.name.like("Bulk %")).order_by(User.id))
    )[start:]


def _progress(ids: list[int]) -> None:
    course = catalogue().course("en")
    first = course.modules[0]
    now = utcnow()
    lessons, attempts, completions, tokens = [], [], [], []
    for user_id in ids:
        kind = user_id % 4
        if kind:
            lessons += [
                {"user_id": user_id, "module_id": first.id, "lesson_id": lesson.id}
                for lesson in first.lessons[:kind]
            ]
        if kind >= 2:
            attempts.append(
                {
                    "user_id": user_id,
                    "module_id": first.id,
                    "content_version": first.version,
                    "language": "en",
                    "drawn": [],
                    "pass_mark": 80,
                    "score": 60.0 + 10 * kind,
                    "is_passed": kind == 3,
                    "submitted_at": now,
                }
            )
        if kind == 3:
            completions.append({"user_id": user_id})
        if kind == 0:
            tokens.append(
                {
                    "user_id": user_id,
                    "purpose": "invitation",
                    "token_hash": f"{user_id:064d}",
                    "seed": "0" * 32,
                    "expires_at": now + timedelta(days=14),
                }
            )
    for model, rows in [
        (LessonProgress, lessons),
        (QuizAttempt, attempts),
        (CourseCompletion, completions),
        (AccountToken, tokens),
    ]:
        if rows:
            db.session.execute(insert(model), rows)
    _certificates([row["user_id"] for row in completions])


def _certificates(user_ids: list[int]) -> None:
    completions = db.session.execute(
        select(CourseCompletion.id, CourseCompletion.user_id).where(
            CourseCompletion.user_id.in_(user_ids)
        )
    ).all()
    now = utcnow()
    rows = [
        {
            "code": f"{user_id:016d}",
            "user_id": user_id,
            "completion_id": completion_id,
            "language": "en",
            "expires_at": now + timedelta(days=30 * (user_id % 30)),
            "snapshot": {},
        }
        for completion_id, user_id in completions
    ]
    if rows:
        db.session.execute(insert(Certificate), rows)


def seed(start: int, count: int, centre: Centre) -> None:
    _progress(_people(start, count, centre))
    db.session.commit()


@pytest.mark.parametrize(
    "path",
    [
        "/reports",
        "/reports?status=in-progress&sort=progress&order=desc&page=2",
        "/reports/completion.csv",
        "/reports/completion.xlsx?sort=certificate",
    ],
)
@pytest.mark.parametrize("role", ["manager", "admin"])
def test_queries_are_the_same_for_10_and_1000_learners(client, auth, users, centres, path, role):
    auth.login(role)
    seed(0, 10, centres["a"])
    with recorded_statements(db.engine) as few:
        assert client.get(path).status_code == 200
    seed(10, 990, centres["a"])
    with recorded_statements(db.engine) as many:
        response = client.get(path)
    assert response.status_code == 200
    assert len(few) == len(many) <= 8, many
    if path == "/reports/completion.csv":
        assert response.data.count(b"\r\n") == 1 + 1000 + 1, "header, bulk, Test Learner"
