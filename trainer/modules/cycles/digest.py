"""A weekly digest for each manager: their people whose certificates are in the renewal
window or have expired, who are overdue (a module retake, or the course past its due
date: reports tells of those through the digest_overdue signal), and certificates issued
in the last week. Each person is named once under "overdue", with all they owe."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from trainer.core import mail
from trainer.core.time import utcnow
from trainer.core.urls import link_in_language
from trainer.extensions import db
from trainer.modules.accounts.access import reached_people
from trainer.modules.accounts.models import MANAGER, User
from trainer.modules.certificates.models import Certificate
from trainer.modules.courses import catalogue
from trainer.modules.cycles.models import ModuleRetake
from trainer.modules.cycles.notices import already_recorded, record_once
from trainer.modules.cycles.queries import people_cycles
from trainer.modules.cycles.signals import Overdue, digest_overdue
from trainer.modules.cycles.status import CycleStatus

DIGEST_MAIL = "cycle-digest"
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Digest:
    expiring: list[User]
    expired: list[User]
    overdue: list[tuple[User, list[Overdue]]]  # each person once, with what they owe
    completed: list[User]

    def __bool__(self) -> bool:
        return bool(self.expiring or self.expired or self.overdue or self.completed)


def digest_for(manager: User, now: datetime) -> Digest:
    """The manager's digest as of `now`, in their language."""
    people = select(User.id).where(reached_people(manager), User.is_active_account.is_(True))
    by_id = {p.id: p for p in db.session.scalars(select(User).where(User.id.in_(people)))}
    standing = people_cycles(people, now)

    def having(status: CycleStatus) -> list[User]:
        return sorted(
            (by_id[i] for i, c in standing.items() if c.status is status and i in by_id),
            key=lambda person: person.name,
        )

    completed = db.session.scalars(
        select(Certificate.user_id).where(
            Certificate.user_id.in_(people), Certificate.issued_at >= now - WEEK
        )
    )
    with force_locale(manager.locale):
        overdue = _retakes_overdue(people, now, manager.locale)
        for _receiver, found in digest_overdue.send(manager, people=people, now=now):
            overdue += found
    owed: dict[int, list[Overdue]] = {}
    for item in sorted(overdue, key=lambda item: item.due_on):
        owed.setdefault(item.user_id, []).append(item)
    return Digest(
        expiring=having(CycleStatus.RENEWAL),
        expired=having(CycleStatus.EXPIRED),
        overdue=sorted(
            ((by_id[i], items) for i, items in owed.items() if i in by_id),
            key=lambda pair: pair[0].name,
        ),
        completed=sorted({by_id[i] for i in completed}, key=lambda person: person.name),
    )


def _retakes_overdue(people: Select, now: datetime, locale: str) -> list[Overdue]:
    """Module retakes past their due date, named in the reader's language."""
    courses = catalogue()
    language = courses.language_for(locale)
    rows = db.session.execute(
        select(ModuleRetake.user_id, ModuleRetake.module_id, ModuleRetake.due_at).where(
            ModuleRetake.user_id.in_(people),
            ModuleRetake.done_at.is_(None),
            ModuleRetake.due_at < now,
        )
    )
    found = []
    for user_id, module_id, due_at in rows:
        module = courses.module(language, module_id)
        title = module.title if module else module_id
        found.append(
            Overdue(user_id, _("the retake of the module %(module)s", module=title), due_at.date())
        )
    return found


def week_of(now: datetime) -> str:
    year, week, _day = now.isocalendar()
    return f"{year}-W{week:02d}"


def send_digests() -> int:
    """Queue this week's digest for every active manager with something to tell; once a
    week each, however often it runs. Returns how many were queued."""
    now = utcnow()
    managers = db.session.scalars(
        select(User).where(User.role == MANAGER, User.is_active_account.is_(True)).order_by(User.id)
    )
    sent = 0
    for manager in managers:
        key = f"digest:{manager.id}:{week_of(now)}"
        if already_recorded(key) or not digest_for(manager, now):
            continue
        if record_once(key, "digest", manager.id):
            payload = {"user_id": manager.id, "at": now.isoformat()}
            mail.queue(DIGEST_MAIL, payload, user_id=manager.id)
            sent += 1
    return sent


def _section(title: str, lines: list[str]) -> str:
    return "\n".join([f"{title} ({len(lines)})", *(f"- {line}" for line in lines)])


def _owed(person: User, items: list[Overdue]) -> str:
    due = [
        _("%(what)s, due %(date)s", what=item.what, date=format_date(item.due_on, "long"))
        for item in items
    ]
    return f"{person.name}: {'; '.join(due)}"


def digest_mail(manager: User, digest: Digest) -> mail.Mail:
    with force_locale(manager.locale):
        sections = [
            (_("Certificates in the renewal window"), [p.name for p in digest.expiring]),
            (_("Certificates expired"), [p.name for p in digest.expired]),
            (_("Overdue training"), [_owed(p, items) for p, items in digest.overdue]),
            (_("Certificates issued this week"), [p.name for p in digest.completed]),
        ]
        paragraphs = [
            _("Hello %(name)s,", name=manager.name),
            _("This week in your centres (%(date)s):", date=format_date(utcnow(), "long")),
            *(_section(title, lines) for title, lines in sections if lines),
            _("See everyone on your dashboard:"),
            link_in_language("reports.dashboard", manager.locale),
        ]
        subject = _("Weekly summary of certificates in your centres")
    return mail.Mail(to=manager.email, subject=subject, body="\n\n".join(paragraphs) + "\n")


@mail.composer(DIGEST_MAIL, _l("Weekly certificate summary"))
def compose_digest(payload: dict) -> mail.Mail | None:
    manager = db.session.get(User, payload["user_id"])
    if manager is None or not manager.is_active:
        return None
    digest = digest_for(manager, datetime.fromisoformat(payload["at"]))
    return digest_mail(manager, digest) if digest else None
