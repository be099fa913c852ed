"""The `trainer` command's own commands, and how it stops on a configuration error."""

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from trainer.demo import STAFF
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User
from trainer.modules.accounts.passwords import password_matches

REAL_COURSE = Path(__file__).resolve().parents[1] / "content"


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


def trainer_command(*args: str, **settings: str) -> subprocess.CompletedProcess:
    """The installed `trainer` console script, in an environment that has only `settings`
    (as a server's would) and runs outside the checkout."""
    script = Path(sys.executable).with_name("trainer")
    environment = {"PATH": os.environ["PATH"], "HOME": settings.pop("HOME"), **settings}
    return subprocess.run(
        [str(script), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=environment["HOME"],
        timeout=120,
        check=False,
    )


def test_a_command_without_a_secret_key_says_so_in_one_line(tmp_path):
    result = trainer_command(
        "db",
        "upgrade",
        HOME=str(tmp_path),
        TRAINER_ENV="production",
        TRAINER_CONTENT_DIR=str(REAL_COURSE),
        TRAINER_DATABASE_URL=f"sqlite:///{tmp_path / 'trainer.sqlite'}",
        TRAINER_SMTP_HOST="mail.example.org",
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: TRAINER_SECRET_KEY")
    assert not (tmp_path / "trainer.sqlite").exists()


def test_help_works_without_any_configuration(tmp_path):
    result = trainer_command("--help", HOME=str(tmp_path), TRAINER_ENV="production")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "content" in result.stdout  # the checker needs no app
    assert "TRAINER_CONTENT_DIR" in result.stderr  # why the app's own commands are missing
