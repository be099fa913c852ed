"""Bringing a centre's staff in from a list: plan what would change, then do all of it.

The plan is computed afresh from the file and the database both for the preview and
for the confirmation, and the two must agree: nothing is imported on the strength of
a preview that has since gone stale, and a file with a single bad row imports nothing.
"""

import hashlib
import json
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from trainer.core import audit
from trainer.core.i18n import DEFAULT_LANGUAGE
from trainer.extensions import db
from trainer.modules.accounts import operations
from trainer.modules.accounts.invitations import Purpose, issue, issue_many
from trainer.modules.accounts.mails import queue_invitations
from trainer.modules.accounts.models import LEARNER, Centre, User
from trainer.modules.accounts.staff_csv import BadRow, StaffRow, read_staff

# Stays well under every engine's limit on bound parameters.
LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class Change:
    row: StaffRow
    user_id: int | None = None


@dataclass
class ImportPlan:
    creates: list[Change] = field(default_factory=list)
    updates: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    problems: list[BadRow] = field(default_factory=list)
    # E-mails with an account the centre's managers do not reach (another centre's, or
    # staff of another role): shown as new people, never created; an admin sees them in
    # the audit log. A preview that said so would tell who has an account elsewhere.
    held: list[Change] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def new_people(self) -> list[Change]:
        """Everyone the preview shows as new, held ones among them, in the file's order."""
        return sorted([*self.creates, *self.held], key=lambda change: change.row.line)

    @property
    def digest(self) -> str:
        """What confirming would do, in a few characters the confirmation sends back;
        held rows count as new ones, so not even the digest tells them apart."""
        changes = [
            (kind, c.row.email, c.row.name, c.row.language, c.user_id if kind == "update" else None)
            for kind, group in (("create", self.new_people), ("update", self.updates))
            for c in group
        ]
        return hashlib.sha256(json.dumps(changes).encode()).hexdigest()


def _existing(emails: list[str]) -> dict[str, User]:
    found: dict[str, User] = {}
    for start in range(0, len(emails), LOOKUP_CHUNK):
        chunk = emails[start : start + LOOKUP_CHUNK]
        found |= {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(chunk)))}
    return found


def _is_held(user: User, centre: Centre) -> bool:
    """Only the centre's own learners are changed from its list (accounts.access)."""
    return user.centre_id != centre.id or user.role != LEARNER


def _refusal(user: User) -> str | None:
    """Why this learner of the centre cannot be changed from its list, if they cannot."""
    if not user.is_active:
        return str(_l("This account is closed; an administrator can reopen it."))
    return None


def _differs(user: User, row: StaffRow) -> bool:
    return user.name != row.name or (row.language is not None and row.language != user.locale)


def plan_import(data: bytes, centre: Centre) -> ImportPlan:
    """What importing `data` into `centre` would do. Raises UnreadableFile."""
    rows, problems = read_staff(data)
    plan = ImportPlan(problems=problems)
    existing = _existing([row.email for row in rows])
    for row in rows:
        user = existing.get(row.email)
        if user is None:
            plan.creates.append(Change(row))
        elif _is_held(user, centre):
            plan.held.append(Change(row, user.id))
        elif reason := _refusal(user):
            plan.problems.append(BadRow(row.line, f"{row.name}; {row.email}", reason))
        elif _differs(user, row):
            plan.updates.append(Change(row, user.id))
        else:
            plan.unchanged.append(Change(row, user.id))
    plan.problems.sort(key=lambda bad: bad.line)
    return plan


def apply_plan(plan: ImportPlan, centre: Centre, actor_id: int) -> int:
    """Create and update everyone in the plan and queue the new people's invitations, all
    in the caller's transaction; return how many were invited. No e-mail leaves here:
    the mail worker sends them once the import is committed."""
    if not plan.is_valid:
        raise ValueError("an import with bad rows imports nothing")
    for change in plan.held:
        audit.record(
            actor_id, "people.import_held", f"user:{change.user_id}", {"centre": centre.id}
        )
    created = operations.create_learners(
        [(c.row.email, c.row.name, c.row.language or DEFAULT_LANGUAGE) for c in plan.creates],
        centre,
    )
    queue_invitations(issue_many(created, Purpose.INVITATION))
    for change in plan.updates:
        user = db.session.get_one(User, change.user_id)
        user.name = change.row.name
        user.locale = change.row.language or user.locale
    audit.record(
        actor_id,
        "people.imported",
        f"centre:{centre.id}",
        {"created": len(plan.creates), "updated": len(plan.updates)},
    )
    db.session.flush()
    return len(created)


def invite_again(person: User, actor_id: int) -> None:
    """A new invitation link for someone who has not chosen a password yet, queued in the
    caller's transaction; earlier links keep working until one is used."""
    queue_invitations([issue(person, Purpose.INVITATION)])
    audit.record(actor_id, "invitation.sent", f"user:{person.id}")
