"""The `trainer` command's own commands."""

from sqlalchemy import func, select

from trainer.demo import STAFF
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User
from trainer.modules.accounts.passwords import password_matches


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_demo_seeds_four_accounts_and_two_centres_and_is_idempotent(runner):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    users_after_first, centres_after_first = count(User), count(Centre)
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    expected = (4 + len(STAFF), 2)  # the demo accounts and the demo centre's staff
    assert (count(User), count(Centre)) == (users_after_first, centres_after_first) == expected
    for role in ("learner", "trainer", "manager", "admin"):
        user = db.session.scalar(select(User).where(User.email == f"{role}@example.org"))
        assert user.role == role
        assert password_matches(user.password_hash, "demopassword")


def test_users_create_makes_an_admin(runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "boss@example.org",
            "Boss",
            "--role",
            "admin",
            "--password",
            "a long enough pass",
        ]
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User.role).where(User.email == "boss@example.org")) == "admin"
    again = runner.invoke(
        args=["users", "create", "boss@example.org", "Boss", "--password", "a long enough pass"]
    )
    assert again.exit_code == 1
    assert "boss@example.org" in again.output
