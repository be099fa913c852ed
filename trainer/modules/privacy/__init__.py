"""Personal data: an admin exports everything stored about a person, or deletes them."""

from flask import Blueprint

from trainer.modules.accounts.models import User
from trainer.modules.identity.scim_operations import person_deletion_requested

blueprint = Blueprint("privacy", __name__, template_folder="templates")

from trainer.modules.privacy import views  # noqa: E402, F401


def _delete_for_directory(user: User, actor_id: int | None = None, **_extra: object) -> bool:
    """A directory deleted the person through SCIM: the admin's deletion, run for it."""
    from trainer.modules.privacy.operations import delete_person

    delete_person(user, actor_id)
    return True


person_deletion_requested.connect(_delete_for_directory)
