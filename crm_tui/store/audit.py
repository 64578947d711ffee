"""The audit log, written by the store itself on every flush, whoever the caller.

A session-level hook sees every inserted, updated and deleted row of the audited models and
records who changed which field from what to what. Screens, imports and scripts cannot skip
it, because they all write through `Database.write()` sessions (which set `USER_KEY`).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

USER_KEY = "crm_tui_user_id"
CLOCK_KEY = "crm_tui_clock"
_ROWS_KEY = "crm_tui_audit_rows"
_NEW_KEY = "crm_tui_audit_new"
_SKIPPED = {"version", "created_at", "updated_at", "name_key", "title_key", "email_key"}
_NOT_AUDITED = {"audit_log", "activities", "notifications", "deal_stage_history"}


def audit_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _audited(obj: Any) -> bool:
    return getattr(obj, "__tablename__", None) not in _NOT_AUDITED


def audited_columns(obj: Any) -> list[str]:
    return [a.key for a in inspect(obj).mapper.column_attrs if a.key not in _SKIPPED]


def _entry(session: Session, obj: Any, action: str, field: str | None, old: Any, new: Any):
    from crm_tui.store.models import utcnow

    return {
        "at": utcnow(),
        "user_id": session.info.get(USER_KEY),
        "table_name": obj.__tablename__,
        "record_id": int(getattr(obj, "id", None) or 0),
        "action": action,
        "field": field,
        "old_value": audit_text(old),
        "new_value": audit_text(new),
    }


def _stamp_times(session: Session) -> None:
    """Creation and update times from the store's clock rather than the wall clock."""
    clock = session.info.get(CLOCK_KEY)
    if clock is None:
        return
    now = clock()
    for obj in session.new:
        if hasattr(obj, "created_at") and getattr(obj, "created_at", None) is None:
            obj.created_at = now
        if hasattr(obj, "updated_at") and getattr(obj, "updated_at", None) is None:
            obj.updated_at = now
    for obj in session.dirty:
        if hasattr(obj, "updated_at") and session.is_modified(obj, include_collections=False):
            obj.updated_at = now


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context, _instances) -> None:  # type: ignore[no-untyped-def]
    if USER_KEY not in session.info:
        return
    _stamp_times(session)
    rows = session.info.setdefault(_ROWS_KEY, [])
    for obj in session.dirty:
        if not _audited(obj) or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        for key in audited_columns(obj):
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                rows.append(_entry(session, obj, "update", key, old, new))
    for obj in session.deleted:
        if _audited(obj):
            rows.append(_entry(session, obj, "delete", None, None, None))
    session.info[_NEW_KEY] = [o for o in session.new if _audited(o)]


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:  # type: ignore[no-untyped-def]
    if USER_KEY not in session.info:
        return
    from crm_tui.store.models import AuditEntry

    rows = session.info.pop(_ROWS_KEY, [])
    for obj in session.info.pop(_NEW_KEY, []):
        values = {k: audit_text(getattr(obj, k)) for k in audited_columns(obj)}
        snapshot = json.dumps(values, ensure_ascii=False, sort_keys=True)
        rows.append(_entry(session, obj, "create", None, None, snapshot))
    if rows:
        session.connection().execute(insert(AuditEntry), rows)
