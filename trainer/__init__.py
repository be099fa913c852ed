"""trainer: the course platform for asylum reception-centre staff."""

from pathlib import Path
from typing import Any

from flask import Flask, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from trainer import config
from trainer.core import database, errors, i18n, inputs, security, static_files
from trainer.extensions import csrf, db, limiter, login_manager, migrate
from trainer.modules import courses


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings first, then each part in the order it depends on."""
    app = Flask(__name__, instance_relative_config=True)
    configure_settings(app, test_config)
    inputs.init_inputs(app)
    security.init_proxies(app)
    configure_database(app)
    configure_extensions(app)
    configure_blueprints(app)
    courses.init_app(app)
    errors.init_errors(app)
    security.init_security_headers(app)
    static_files.init_static_files(app)
    configure_commands(app)
    return app


def configure_settings(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_mapping(config.build_config(Path(app.instance_path), test_config))


def configure_database(app: Flask) -> None:
    database.init_database(app)
    migrations = Path(__file__).resolve().parent / "migrations"
    migrate.init_app(app, db, directory=str(migrations))


def configure_extensions(app: Flask) -> None:
    from trainer.core import request_limits  # noqa: F401 - the database:// rate-limit store
    from trainer.modules.accounts.models import user_from_session_id

    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_i18n(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(user_from_session_id)


def configure_commands(app: Flask) -> None:
    from trainer.cli import register_commands

    register_commands(app)


def configure_blueprints(app: Flask) -> None:
    from trainer.core import health
    from trainer.modules import (
        about,
        accounts,
        authoring,
        certificates,
        cycles,
        evaluation,
        identity,
        interop,
        learning,
        privacy,
        quizzes,
        reports,
    )
    from trainer.modules.courses import views as course_views

    app.register_blueprint(health.blueprint)
    app.register_blueprint(accounts.blueprint)
    app.register_blueprint(identity.blueprint)
    app.register_blueprint(course_views.blueprint)
    app.register_blueprint(quizzes.blueprint)
    app.register_blueprint(learning.blueprint)
    app.register_blueprint(certificates.blueprint)
    app.register_blueprint(identity.scim_blueprint)
    app.register_blueprint(cycles.blueprint)
    app.register_blueprint(authoring.blueprint)
    app.register_blueprint(privacy.blueprint)
    app.register_blueprint(reports.blueprint)
    app.register_blueprint(evaluation.blueprint)
    app.register_blueprint(about.blueprint)
    app.register_blueprint(interop.blueprint)
    app.add_url_rule("/", endpoint="home", view_func=home)


def home():
    """A visitor reads what the service is; each role starts at its own page: managers
    at their dashboard, admins at administration, everyone else at the course."""
    if not current_user.is_authenticated:
        from trainer.modules.about import front_page

        return front_page()
    if current_user.role == "manager":
        return redirect(url_for("reports.dashboard"))
    if current_user.role == "admin":
        return redirect(url_for("accounts.admin"))
    return redirect(url_for("learning.course"))
