"""Accounts: centres, users, roles, signing in, language and password."""

from flask import Blueprint

blueprint = Blueprint("accounts", __name__, template_folder="templates")

from trainer.modules.accounts import admin_views, audit_views, views  # noqa: E402, F401
