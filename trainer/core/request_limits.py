"""Rate-limit counters in the app's own database: `database://`, the default store.

Flask-Limiter counts through a `limits` storage. Its `memory://` store counts inside
one process, so each gunicorn worker and each server allowed the whole limit again;
this one keeps the counters where every worker and server already meets, so a limit
holds however the app is deployed. (`redis://...` does the same for sites that run
Redis; see docs/operations.md.)

Each counter is one row, changed by one atomic statement (an upsert that starts a new
window once the old one has expired), in a connection of its own that commits at once:
a request that rolls back does not take back the attempts it counted. Keys are stored
as digests, so the table never holds an address or a typed e-mail.
"""

import hashlib
import itertools
import time

from limits.storage import Storage
from sqlalchemy import Float, String, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from trainer.extensions import Base, db

# Expired counters are deleted now and then, by the call that happens to be the Nth.
SWEEP_EVERY = 500


class RequestLimit(Base):
    __tablename__ = "request_limits"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int]
    # Seconds since the epoch, as `limits` counts time.
    expires_at: Mapped[float] = mapped_column(Float, index=True)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class DatabaseStorage(Storage):
    """A `limits` storage over the app's SQLAlchemy engine (fixed-window strategy)."""

    STORAGE_SCHEME = ["database"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._calls = itertools.count(1)

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    @staticmethod
    def _engine() -> Engine:
        # The engine of the app serving the request; each statement commits by itself.
        return db.engine.execution_options(isolation_level="AUTOCOMMIT")

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        table = RequestLimit.__table__
        dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
        expired = table.c.expires_at <= now
        statement = (
            dialect.insert(table)
            .values(key=_digest(key), count=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[table.c.key],
                set_={
                    "count": case((expired, amount), else_=table.c.count + amount),
                    "expires_at": case((expired, now + expiry), else_=table.c.expires_at),
                },
            )
            .returning(table.c.count)
        )
        with self._engine().connect() as connection:
            count = connection.execute(statement).scalar_one()
            if next(self._calls) % SWEEP_EVERY == 0:
                connection.execute(delete(RequestLimit).where(RequestLimit.expires_at <= now))
        return count

    def _row(self, key: str):
        table = RequestLimit.__table__
        query = select(table.c.count, table.c.expires_at).where(
            table.c.key == _digest(key), table.c.expires_at > time.time()
        )
        with self._engine().connect() as connection:
            return connection.execute(query).first()

    def get(self, key: str) -> int:
        row = self._row(key)
        return row.count if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return row.expires_at if row else time.time()

    def check(self) -> bool:
        try:
            with self._engine().connect() as connection:
                connection.execute(select(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with self._engine().connect() as connection:
            return connection.execute(delete(RequestLimit)).rowcount

    def clear(self, key: str) -> None:
        with self._engine().connect() as connection:
            connection.execute(delete(RequestLimit).where(RequestLimit.key == _digest(key)))
