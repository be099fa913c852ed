"""Accounts: centres, users, roles, signing in, language and password, onboarding."""

from flask import Blueprint

blueprint = Blueprint("accounts", __name__, template_folder="templates")

from trainer.modules.accounts import access  # noqa: E402

# Templates ask the same rules as views: `{% if may_author(current_user) %}`.
for rule in (access.may_author, access.may_manage_centres, access.may_administer):
    blueprint.add_app_template_global(rule)

from trainer.modules.accounts import (  # noqa: E402, F401
    admin_views,
    audit_views,
    centre_views,
    mail_views,
    onboarding_views,
    password_views,
    views,
)
