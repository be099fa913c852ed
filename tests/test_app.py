"""The app factory, its configuration and the health check."""

import secrets

import pytest

from tests.helpers.app import SECRET_KEY, TEST_COURSE, make_app
from trainer import create_app
from trainer.config import ConfigError


def with_test_course(**settings) -> dict:
    return {"CONTENT_DIR": str(TEST_COURSE), **settings}


def test_factory_takes_test_config(app):
    assert app.testing
    assert app.config["SECRET_KEY"] == SECRET_KEY


def test_production_without_secret_key_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.delenv("TRAINER_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="TRAINER_SECRET_KEY"):
        create_app(
            with_test_course(ENV="production", DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite")
        )


def test_production_with_short_secret_key_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.setenv("TRAINER_SECRET_KEY", "short")
    monkeypatch.setenv("TRAINER_DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite")
    with pytest.raises(ConfigError, match="shorter than 32"):
        create_app(with_test_course(ENV="production"))


def test_environment_variables_configure_the_app(monkeypatch, tmp_path):
    monkeypatch.setenv("TRAINER_SECRET_KEY", secrets.token_urlsafe(48))
    monkeypatch.setenv("TRAINER_DATABASE_URL", f"sqlite:///{tmp_path}/env.sqlite")
    monkeypatch.setenv("TRAINER_SMTP_HOST", "smtp.example.org")
    monkeypatch.setenv("TRAINER_SMTP_PORT", "2525")
    monkeypatch.setenv("TRAINER_SMTP_STARTTLS", "no")
    app = create_app(with_test_course(ENV="production"))
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.sqlite")
    assert app.config["SMTP_PORT"] == 2525
    assert app.config["SMTP_STARTTLS"] is False
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("TRAINER_SMTP_PORT", "twenty", "TRAINER_SMTP_PORT must be a whole number"),
        ("TRAINER_SMTP_STARTTLS", "maybe", "TRAINER_SMTP_STARTTLS must be true or false"),
        ("TRAINER_ENV", "staging", "TRAINER_ENV must be one of"),
    ],
)
def test_malformed_setting_names_the_variable(monkeypatch, tmp_path, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        create_app(
            with_test_course(SECRET_KEY="k" * 40, DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite")
        )


def test_development_keeps_a_generated_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("TRAINER_SECRET_KEY", raising=False)
    settings = with_test_course(ENV="development", DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite")
    first = create_app(settings).config["SECRET_KEY"]
    second = create_app(settings).config["SECRET_KEY"]
    assert len(first) >= 32
    assert first == second


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(app):
    from sqlalchemy import text

    from trainer.extensions import db

    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas apply to SQLite only; this run is on PostgreSQL")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_health_check_answers_with_a_database_round_trip(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_health_check_reports_an_unreachable_database(tmp_path):
    unreachable = make_app(f"sqlite:///{tmp_path}/missing-dir/nothing-here.sqlite")
    response = unreachable.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


def test_every_response_carries_the_security_headers(client):
    for response in (client.get("/login"), client.get("/healthz"), client.get("/nowhere")):
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "'unsafe-inline'" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_broken_content_stops_the_start_with_located_messages(tmp_path):
    from trainer.modules.courses import ContentError

    broken = tmp_path / "content"
    for language in ("en", "fi", "sv"):
        (broken / language).mkdir(parents=True)
        (broken / language / "course.md").write_text("---\ntitle: [unclosed\n---\n")
    with pytest.raises(ContentError, match=r"course\.md:\d+: "):
        make_app(f"sqlite:///{tmp_path}/x.sqlite", CONTENT_DIR=str(broken))
