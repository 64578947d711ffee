"""What every repository shares: the acting user, the clock, rights, conflicts and paging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from crm_tui.i18n import _
from crm_tui.schemas.common import UserOut
from crm_tui.store.db import Database
from crm_tui.store.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from crm_tui.store.models import AuditEntry, User, utcnow

if TYPE_CHECKING:
    from crm_tui.config import Settings

PAGE_SIZE = 200


def text_key(value: str | None) -> str:
    """The case-folded twin of a searchable text column."""
    return (value or "").casefold().replace("ё", "е")


def like_prefix(value: str) -> str:
    """A LIKE pattern for `value%` with the wildcards in `value` escaped (escape char '\\')."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


HIGHEST = "\U0010ffff"


def starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    """`column` starts with `prefix`, answerable by a range scan of the column's index.

    SQLite never uses an index for LIKE on these columns; the range does, and the LIKE
    only re-checks the rows the range found.
    """
    return and_(
        column >= prefix,
        column < prefix + HIGHEST,
        column.like(like_prefix(prefix), escape="\\"),
    )


def like_contains(value: str) -> str:
    return "%" + like_prefix(value)


@dataclass
class StoreContext:
    """The process-wide facts every repository needs."""

    db: Database
    settings: Settings
    user: UserOut | None = None
    readonly: bool = False
    clock: Callable[[], dt.datetime] = field(default=utcnow)

    def now(self) -> dt.datetime:
        return self.clock()


class Repository:
    """Base of the typed repositories that screens call."""

    kind_name = "record"

    def __init__(self, ctx: StoreContext) -> None:
        self.ctx = ctx

    # -- identity and rights -------------------------------------------------
    @property
    def user(self) -> UserOut:
        if self.ctx.user is None:
            raise PermissionDenied(_("No CRM user is signed in."))
        return self.ctx.user

    @property
    def is_head(self) -> bool:
        return self.ctx.user is not None and self.ctx.user.role in ("head_of_sales", "admin")

    def require_head(self, what: str) -> None:
        if not self.is_head:
            raise PermissionDenied(
                _("Only the head of sales or an admin may {what}.", what=what)
            )

    def require_admin(self, what: str) -> None:
        if self.ctx.user is None or self.ctx.user.role != "admin":
            raise PermissionDenied(_("Only an admin may {what}.", what=what))

    # -- transactions ---------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.ctx.db.read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: it all lands or none of it does."""
        if self.ctx.readonly:
            raise PermissionDenied(_("You have read-only access to this CRM."))
        user_id = self.ctx.user.id if self.ctx.user else None
        try:
            with self.ctx.db.write(user_id, self.ctx.clock) as session:
                yield session
        except StaleDataError as exc:
            raise self._conflict_from(exc) from exc
        except IntegrityError as exc:
            raise InvalidInput(None, _("The change breaks a data rule: {detail}",
                                       detail=str(exc.orig).splitlines()[0])) from exc

    def _conflict_from(self, exc: StaleDataError) -> ConflictError:
        return ConflictError(self.kind_name, 0, None, None)

    # -- helpers --------------------------------------------------------------
    def load(self, session: Session, model: type, record_id: int, *, lock: bool = False) -> Any:
        stmt = select(model).where(model.id == record_id)
        if lock and self.ctx.db.dialect == "postgresql":
            stmt = stmt.with_for_update()
        obj = session.scalars(stmt).first()
        if obj is None:
            raise NotFound(self.kind_name, record_id)
        return obj

    def check_version(self, session: Session, obj: Any, expected: int | None) -> None:
        """Refuse a save based on a stale read, naming who changed the record and when."""
        if expected is None or obj.version == expected:
            return
        raise self._conflict(session, obj)

    def conflict_after_save(self, model: type, record_id: int) -> ConflictError:
        """The conflict of a save whose version-checked UPDATE matched no row, read afresh.

        Called after that write transaction has ended, so finding who changed the record
        never holds the write lock; a record deleted meanwhile is `NotFound`.
        """
        with self.read() as session:
            return self._conflict(session, self.load(session, model, record_id))

    def _conflict(self, session: Session, obj: Any) -> ConflictError:
        last = session.execute(
            select(AuditEntry, User.display_name)
            .outerjoin(User, User.id == AuditEntry.user_id)
            .where(AuditEntry.table_name == obj.__tablename__, AuditEntry.record_id == obj.id)
            .order_by(AuditEntry.id.desc())
            .limit(20)
        ).all()
        changed_by = last[0][1] if last else None
        changed_at = last[0][0].at if last else None
        fields = sorted({e.field for e, _name in last if e.field and e.at == changed_at})
        return ConflictError(self.kind_name, obj.id, changed_by, changed_at, fields)

    def apply(self, obj: Any, values: dict[str, Any]) -> None:
        for key, value in values.items():
            if getattr(obj, key) != value:
                setattr(obj, key, value)
