"""Accounts: centres, users, roles, signing in, language and password, onboarding."""

from flask import Blueprint

blueprint = Blueprint("accounts", __name__, template_folder="templates")

from trainer.modules.accounts import (  # noqa: E402, F401
    admin_views,
    audit_views,
    mail_views,
    onboarding_views,
    password_views,
    views,
)
