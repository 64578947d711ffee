"""The word index of global search, kept by the store itself on every flush, whoever the caller.

Global search finds a name by the prefix of its case-folded `*_key`; a later word of it
("альфа" in "ооо «альфа»", "иван" in "петров иван") has no such index, so every later word of
every searchable name is a row of `search_words` (kind, word, record id). A session hook
rewrites a record's rows whenever it is inserted, its key changes or it is deleted, in the same
flush and so the same transaction: screens, imports and scripts cannot forget it. Bulk loads
that bypass the ORM (the scale seed) fill the table with `word_rows` afterwards.

A word is what follows one of `WORD_STARTS` up to the next one: exactly the places the search
used to look for with LIKE, so the index finds everything that did. The first word of a name
is not stored: the prefix pass already finds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, delete, event, insert, inspect, select
from sqlalchemy.orm import Session

from crm_tui.store.models import Client, Contact, Counterparty, Deal, SearchWord

# What may stand before a word inside a name: "ООО «Альфа»", "Петров-Водкин", "АО (Бета)".
WORD_STARTS = (" ", "«", '"', "(", "-", "'", "„", "“")
_SEPARATOR = re.compile("[" + re.escape("".join(WORD_STARTS)) + "]")

# kind of record -> its model and the name of its case-folded key attribute
INDEXED: dict[str, tuple[Any, str]] = {
    "client": (Client, "name_key"),
    "counterparty": (Counterparty, "name_key"),
    "contact": (Contact, "name_key"),
    "deal": (Deal, "title_key"),
}
_KINDS = {model: (kind, key) for kind, (model, key) in INDEXED.items()}
BACKFILL_BATCH = 50_000


def later_words(key: str | None) -> set[str]:
    """The words of a case-folded name that follow a word start (the first one does not)."""
    return {word for word in _SEPARATOR.split(key or "")[1:] if word}


def seek_word(text: str) -> tuple[str, bool]:
    """The word of a typed (case-folded) text to seek in the index, and whether it is whole.

    Every word of the text is a later word of any name it is found in: each one but the last
    whole (a word start follows it), the last one perhaps only begun. The longest is sought,
    as the likeliest to be rare; a whole word is sought exactly, the last one by prefix.
    """
    parts = _SEPARATOR.split(text)
    longest = max(range(len(parts)), key=lambda n: (len(parts[n]), -n))
    return parts[longest], longest < len(parts) - 1


def _rows(kind: str, record_id: int, key: str | None) -> list[dict[str, Any]]:
    return [{"kind": kind, "word": w, "record_id": record_id} for w in sorted(later_words(key))]


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:  # type: ignore[no-untyped-def]
    # After the flush new rows have their ids; `new`/`dirty`/`deleted` and each attribute's
    # history still describe what this flush wrote.
    stale: dict[str, list[int]] = {}
    fresh: list[dict[str, Any]] = []
    for obj in session.new:
        if (found := _KINDS.get(type(obj))) is not None:
            fresh += _rows(found[0], obj.id, getattr(obj, found[1]))
    for obj in session.dirty:
        found = _KINDS.get(type(obj))
        if found is not None and inspect(obj).attrs[found[1]].history.has_changes():
            stale.setdefault(found[0], []).append(obj.id)
            fresh += _rows(found[0], obj.id, getattr(obj, found[1]))
    for obj in session.deleted:
        if (found := _KINDS.get(type(obj))) is not None:
            stale.setdefault(found[0], []).append(obj.id)
    if not stale and not fresh:
        return
    connection = session.connection()
    for kind, ids in stale.items():
        connection.execute(delete(SearchWord).where(SearchWord.kind == kind,
                                                    SearchWord.record_id.in_(ids)))
    if fresh:
        connection.execute(insert(SearchWord), fresh)


def word_rows(connection: Connection,
              batch: int = BACKFILL_BATCH) -> Iterator[tuple[str, str, int]]:
    """(kind, word, record_id) for every later word of every stored name, read in id batches.

    Each batch is read whole before its words are yielded, so the caller may insert them on
    the same connection as it goes.
    """
    for kind, (model, key) in INDEXED.items():
        last = 0
        while True:
            stmt = (select(model.id, getattr(model, key)).where(model.id > last)
                    .order_by(model.id).limit(batch))
            records = connection.execute(stmt).all()
            for record_id, value in records:
                for word in sorted(later_words(value)):
                    yield kind, word, record_id
            if len(records) < batch:
                break
            last = records[-1][0]
