"""Who is signed in: Flask-Login's user loader, one query per request."""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import g
from flask_login import UserMixin
from sqlalchemy import ColumnElement, Row, Select, bindparam, select

from trainer.extensions import db
from trainer.modules.accounts.models import User

T = TypeVar("T")


class SignedIn(UserMixin):
    """The signed-in user as the sign-in check read them, without the ORM: what every
    page shows and decides access by costs no more than that one query. Anything else
    (relationships, changes) goes through `record`, the ORM row, loaded on first use;
    from then on every attribute reads from it, so a change is seen at once."""

    __slots__ = ("_record", "_row")

    def __init__(self, row: Row) -> None:
        object.__setattr__(self, "_row", row)
        object.__setattr__(self, "_record", None)

    @property
    def record(self) -> User:
        if self._record is None:
            object.__setattr__(self, "_record", db.session.get(User, self._row.id))
        return self._record

    def __getattr__(self, name: str):
        if name.startswith("__"):  # probes such as hasattr(x, "__html__") load nothing
            raise AttributeError(name)
        if self._record is None and name in self._row._fields:
            return getattr(self._row, name)
        return getattr(self.record, name)

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"change the user through current_user.record, not {name!r}")

    @property
    def is_active(self) -> bool:
        return self.is_active_account

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


# Who is looking, for the checks of what they may see: the signed-in user or a User.
Viewer = User | SignedIn

# Every signed-in request runs this, so it is built once and reads only what pages use.
_SIGNED_IN = select(
    User.id,
    User.email,
    User.name,
    User.role,
    User.centre_id,
    User.locale,
    User.session_version,
    User.is_active_account.label("is_active_account"),
).where(User.id == bindparam("user_id"))
_ASKED = "asked_with_sign_in"
_ANSWER = "answer_from_sign_in"


def with_sign_in(column: ColumnElement) -> Select:
    """The sign-in check's query with one more column, for `asks_with_sign_in`; build
    it once. The column may use the bind parameter `user_id`, the signed-in user's id."""
    return _SIGNED_IN.add_columns(column.label("answer"))


def asks_with_sign_in(query: Select) -> Callable:
    """View decorator, above @login_required: the sign-in check runs `query` (from
    `with_sign_in`) with the view's URL values as parameters, so the page's own one-row
    question costs no round trip of its own. The view reads `answer_from_sign_in`."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def asking(**values):
            setattr(g, _ASKED, (query, values))
            try:
                return view(**values)
            finally:  # neither outlives the view, even where g outlives the request
                g.pop(_ASKED, None)
                g.pop(_ANSWER, None)

        return asking

    return decorate


def answer_from_sign_in(otherwise: Callable[[], T]) -> T:
    """The asked column's value; `otherwise()` if the user was loaded before the ask."""
    return g.get(_ANSWER) if _ANSWER in g else otherwise()


def user_from_session_id(session_id: str) -> SignedIn | None:
    """Flask-Login's user loader: the user, if the session's version is still current."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    query, parameters = g.pop(_ASKED, (_SIGNED_IN, {}))
    row = db.session.connection().execute(query, {**parameters, "user_id": int(user_id)}).first()
    if row is None or row.session_version != int(version):
        return None
    if query is not _SIGNED_IN:
        setattr(g, _ANSWER, row.answer)
    return SignedIn(row)
