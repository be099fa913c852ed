"""Centres, users and their roles."""

from datetime import datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import Column, ForeignKey, String, Table, select
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.selectable import ScalarSelect

from trainer.core.i18n import DEFAULT_LANGUAGE
from trainer.core.inputs import is_plain_text
from trainer.core.time import UTCDateTime, utcnow
from trainer.extensions import Base, db

LEARNER, TRAINER, MANAGER, ADMIN = "learner", "trainer", "manager", "admin"
ROLES = (LEARNER, TRAINER, MANAGER, ADMIN)  # who may do what with them: accounts.access
# The columns' lengths, which every form and import checks before anything is stored.
NAME_LENGTH = 200
EMAIL_LENGTH = 254

centre_managers = Table(
    "centre_managers",
    db.metadata,
    Column("centre_id", ForeignKey("centres.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Centre(Base):
    __tablename__ = "centres"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    managers: Mapped[list["User"]] = relationship(
        secondary=centre_managers, back_populates="managed_centres"
    )

    def __repr__(self) -> str:
        return f"<Centre {self.id} {self.name!r}>"


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="learner")
    centre_id: Mapped[int | None] = mapped_column(
        ForeignKey("centres.id", ondelete="SET NULL"), index=True
    )
    locale: Mapped[str] = mapped_column(String(5), default=DEFAULT_LANGUAGE)
    is_active_account: Mapped[bool] = mapped_column("is_active", default=True)
    # False for an account linked to an identity provider (identity), unless an admin
    # allows its password too.
    password_sign_in: Mapped[bool] = mapped_column(default=True)
    # Bumped to sign out every session of this user (password change).
    session_version: Mapped[int] = mapped_column(default=1)
    # The number of the training cycle the person is in (1, then one more at each
    # renewal): the lessons read and quizzes sat in it are theirs now (see cycles).
    cycle: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    centre: Mapped[Centre | None] = relationship(foreign_keys=[centre_id])
    managed_centres: Mapped[list[Centre]] = relationship(
        secondary=centre_managers, back_populates="managers", order_by=Centre.name
    )

    @property
    def is_active(self) -> bool:
        return self.is_active_account

    def get_id(self) -> str:
        # The version travels in the session, so bumping it invalidates old sessions.
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email!r} {self.role}>"


class AccountToken(Base):
    """A single-use link to choose a password (see invitations.py)."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    seed: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    def is_open(self, now: datetime | None = None) -> bool:
        return self.used_at is None and (now or utcnow()) < self.expires_at


def cycle_of(user_id: Any) -> ScalarSelect[int]:
    """The person's current cycle number, as SQL: `user_id` a value or a column."""
    return select(User.cycle).where(User.id == user_id).scalar_subquery()


def current_cycle(context: DefaultExecutionContext) -> int:
    """Column default of rows that belong to a cycle (lessons read, attempts,
    completions): the cycle their person is in when the row is written."""
    user_id = context.get_current_parameters()["user_id"]
    found = context.connection.scalar(select(User.cycle).where(User.id == user_id))
    return found or 1


def user_by_email(email: str) -> User | None:
    email = normalise_email(email)
    if len(email) > EMAIL_LENGTH or not is_plain_text(email):
        return None  # no account has it, and PostgreSQL refuses a NUL in a query
    return db.session.scalar(select(User).where(User.email == email))


def user_from_session_id(session_id: str) -> User | None:
    """Flask-Login's user loader: the user, if the session's version is still current."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None
    return user


def normalise_email(email: str) -> str:
    return email.strip().lower()
