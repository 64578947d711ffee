"""Global search: clients, counterparties, contacts and deals found as the user types.

Every lookup is an index range scan, so a keystroke costs the same on ten records as on a
million: names by the prefix of their case-folded `*_key` twin, numbers (INN, OGRN, E.164
phones) and e-mails by prefix of their indexed columns. A prefix is matched with a range
(`key >= p AND key < p + U+10FFFF`), which SQLite (whose LIKE ignores indexes unless the column
is NOCASE) and PostgreSQL with the C collation both answer from the index; the LIKE beside it
keeps the answer exact on any collation.

A second pass finds a later word of a name ("альфа" in "ооо «альфа»"). No index can seek to
it, so it walks the name index in order and stops as soon as a page is full; on a million
contacts a word nobody has costs a full walk (about half a second on SQLite). So it runs only
for three letters or more, a caller may ask for the fast passes alone first (`words=False`)
and show them at once, and a search the user has typed past is interrupted: `cancelled` is
polled by SQLite's progress handler, which aborts the running statement.

Each kind of record is searched by several such sources, one after another; a page cursor
is `(source number, sort key, id)`, so "more" continues exactly where the page ended.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, not_, or_, select, tuple_
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from crm_tui.i18n import _
from crm_tui.schemas.common import Page
from crm_tui.schemas.search import (
    SEARCH_KINDS,
    MatchedField,
    SearchGroup,
    SearchHit,
    SearchKind,
    SearchResults,
)
from crm_tui.store.base import Repository, like_contains, starts_with, text_key
from crm_tui.store.errors import StoreError
from crm_tui.store.models import (
    Client,
    Contact,
    ContactEmail,
    ContactPhone,
    Counterparty,
    Deal,
    Pipeline,
    Stage,
    User,
)
from crm_tui.validation import phone_search_keys

WORD_MIN_CHARS = 3
NUMBER_MIN_DIGITS = 3
EMAIL_MIN_CHARS = 2
MAX_QUERY_CHARS = 200
# What may stand before a word inside a name: "ООО «Альфа»", "Петров-Водкин", "АО (Бета)".
WORD_STARTS = (" ", "«", '"', "(", "-", "'", "„", "“")
_NUMBER = re.compile(r"[\d\s\-]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchQuery:
    """The typed text read every way it can be meant: a name, a number, a phone, an e-mail."""

    text: str
    key: str
    number: str | None
    phone_keys: tuple[str, ...]
    allow_words: bool = True

    @classmethod
    def parse(cls, text: str, phone_region: str = "RU") -> SearchQuery:
        text = _SPACES.sub(" ", text.strip())[:MAX_QUERY_CHARS]
        number = None
        if _NUMBER.fullmatch(text):
            digits = re.sub(r"\D", "", text)
            number = digits if len(digits) >= NUMBER_MIN_DIGITS else None
        return cls(text, text_key(text), number, tuple(phone_search_keys(text, phone_region)))

    @property
    def words(self) -> bool:
        """Worth the word pass: a name-like text (letters, no "@") of three characters or more."""
        return (self.allow_words and len(self.key) >= WORD_MIN_CHARS and "@" not in self.key
                and any(ch.isalpha() for ch in self.key))

    @property
    def email(self) -> bool:
        return len(self.key) >= EMAIL_MIN_CHARS and " " not in self.key


def has_word(column: Any, word: str) -> ColumnElement[bool]:
    """A later word of `column` starts with `word` (the first word is `starts_with`'s)."""
    return or_(*(column.like(like_contains(sep + word), escape="\\") for sep in WORD_STARTS))


@dataclass(frozen=True)
class Source:
    """One way of finding records of a kind, in the order of its index.

    Rows come ordered by (`sort`, `row`) where `row` is the id of the indexed row itself
    (already in the index, so no sort step); `ident` is the record found through it.
    """

    field: MatchedField
    sort: Any
    row: Any
    ident: Any
    where: ColumnElement[bool]

    def statement(self, after: tuple | None, limit: int) -> Select:
        stmt = select(self.sort, self.row, self.ident)
        conditions = [self.where]
        if after is not None:
            conditions.append(tuple_(self.sort, self.row) > tuple_(*after))
        return stmt.where(and_(*conditions)).order_by(self.sort, self.row).limit(limit)


def _name_sources(key_column: Any, ident: Any, query: SearchQuery) -> tuple[Source, Source | None]:
    prefix = Source("name", key_column, ident, ident, starts_with(key_column, query.key))
    if not query.words:
        return prefix, None
    word = Source("name", key_column, ident, ident,
                  and_(has_word(key_column, query.key), not_(starts_with(key_column, query.key))))
    return prefix, word


def sources_for(kind: SearchKind, query: SearchQuery, *, words: bool = True) -> list[Source]:
    """The sources of one kind, most telling first: exact numbers, names, then later words."""
    if not query.key:
        return []
    if not words:
        query = SearchQuery(query.text, query.key, query.number, query.phone_keys, False)
    found: list[Source | None] = []
    if kind == "client":
        prefix, word = _name_sources(Client.name_key, Client.id, query)
        if query.number:
            found.append(Source("inn", Counterparty.inn, Counterparty.id, Counterparty.client_id,
                                starts_with(Counterparty.inn, query.number)))
        found += [prefix, word]
    elif kind == "counterparty":
        prefix, word = _name_sources(Counterparty.name_key, Counterparty.id, query)
        if query.number:
            found.append(Source("inn", Counterparty.inn, Counterparty.id, Counterparty.id,
                                starts_with(Counterparty.inn, query.number)))
            found.append(Source("ogrn", Counterparty.ogrn, Counterparty.id, Counterparty.id,
                                starts_with(Counterparty.ogrn, query.number)))
        found += [prefix, word]
    elif kind == "contact":
        prefix, word = _name_sources(Contact.name_key, Contact.id, query)
        for phone_key in query.phone_keys:
            found.append(Source("phone", ContactPhone.e164, ContactPhone.id,
                                ContactPhone.contact_id, starts_with(ContactPhone.e164, phone_key)))
        found.append(prefix)
        if query.email:
            found.append(Source("email", ContactEmail.email_key, ContactEmail.id,
                                ContactEmail.contact_id,
                                starts_with(ContactEmail.email_key, query.key)))
        found.append(word)
    else:
        prefix, word = _name_sources(Deal.title_key, Deal.id, query)
        found += [prefix, word]
    return [s for s in found if s is not None]


@dataclass(frozen=True)
class _Found:
    source: int
    key: Any
    row: int
    id: int
    field: MatchedField


def collect(session: Session, sources: Sequence[Source], after: tuple | None,
            limit: int) -> tuple[list[_Found], tuple | None]:
    """Up to `limit` distinct records from the sources in turn, and the cursor past them."""
    start, cursor = (after[0], tuple(after[1:])) if after else (0, None)
    found: list[_Found] = []
    seen: set[int] = set()
    for number in range(start, len(sources)):
        source = sources[number]
        position = cursor if number == start else None
        while len(found) <= limit:
            want = limit + 1 - len(found)
            rows = session.execute(source.statement(position, want)).all()
            for key, row, record_id in rows:
                position = (key, row)
                if record_id not in seen:
                    seen.add(record_id)
                    found.append(_Found(number, key, row, record_id, source.field))
            if len(rows) < want:
                break
        if len(found) > limit:
            break
    if len(found) <= limit:
        return found, None
    last = found[limit - 1]
    return found[:limit], (last.source, last.key, last.row)


# -- turning ids into hits ------------------------------------------------------------------
def _clients(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = session.execute(
        select(Client, User.display_name).outerjoin(User, User.id == Client.owner_id)
        .where(Client.id.in_(ids))
    )
    return {c.id: {"title": c.name, "segment": c.segment, "owner_name": owner,
                   "archived": c.archived} for c, owner in rows}


def _counterparties(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = session.execute(
        select(Counterparty, Client.name).join(Client, Client.id == Counterparty.client_id)
        .where(Counterparty.id.in_(ids))
    )
    return {cp.id: {"title": cp.name, "legal_form": cp.legal_form, "inn": cp.inn,
                    "client_id": cp.client_id, "client_name": client, "archived": cp.archived}
            for cp, client in rows}


def _contacts(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = session.scalars(select(Contact).where(Contact.id.in_(ids)))
    return {c.id: {"title": c.full_name, "position": c.position,
                   "phone": c.phones[0].e164 if c.phones else None,
                   "email": c.emails[0].email if c.emails else None} for c in rows}


def _deals(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = session.execute(
        select(Deal, Client.name, Stage.code, Pipeline.code)
        .join(Client, Client.id == Deal.client_id)
        .join(Stage, Stage.id == Deal.stage_id)
        .join(Pipeline, Pipeline.id == Deal.pipeline_id)
        .where(Deal.id.in_(ids))
    )
    return {d.id: {"title": d.title, "client_id": d.client_id, "client_name": client,
                   "stage": stage, "pipeline": pipeline, "amount": d.amount,
                   "currency": d.currency} for d, client, stage, pipeline in rows}


_DETAILS: dict[SearchKind, Callable[[Session, list[int]], dict[int, dict[str, Any]]]] = {
    "client": _clients, "counterparty": _counterparties, "contact": _contacts, "deal": _deals,
}


def _hits(session: Session, kind: SearchKind, found: list[_Found]) -> list[SearchHit]:
    details = _DETAILS[kind](session, [f.id for f in found]) if found else {}
    hits = []
    for f in found:
        data = details.get(f.id)
        if data is None:  # deleted between the two reads
            continue
        matched = None if f.field == "name" else f.key
        if f.field == "phone":
            data = {**data, "phone": f.key}
        hits.append(SearchHit(kind=kind, id=f.id, matched_field=f.field, matched=matched,
                              **data))
    return hits


class SearchCancelled(StoreError):
    """The caller no longer wants the answer (the user typed on); nothing to show."""

    def __init__(self) -> None:
        super().__init__(_("The search was cancelled."))


Cancelled = Callable[[], bool]
PROGRESS_STEPS = 20_000  # SQLite VM steps between two looks at `cancelled` (~1 ms)


class SearchRepository(Repository):
    """The store side of the `/` search box."""

    kind_name = "search"

    def _query(self, text: str) -> SearchQuery:
        return SearchQuery.parse(text, self.ctx.settings.phone_region)

    @contextmanager
    def _interruptible(self, cancelled: Cancelled | None) -> Iterator[Session]:
        """A read session whose statements stop (`SearchCancelled`) once `cancelled()`."""
        with self.read() as session:
            raw = None
            if cancelled is not None and self.ctx.db.dialect == "sqlite":
                raw = session.connection().connection.dbapi_connection
                raw.set_progress_handler(lambda: 1 if cancelled() else 0, PROGRESS_STEPS)
            try:
                yield session
            except OperationalError as exc:
                if cancelled is not None and cancelled():
                    raise SearchCancelled() from exc
                raise
            finally:
                if raw is not None:
                    raw.set_progress_handler(None, 0)
        if cancelled is not None and cancelled():
            raise SearchCancelled()

    def search(self, text: str, *, limit_per_kind: int = 5, words: bool = True,
               cancelled: Cancelled | None = None) -> SearchResults:
        """The first `limit_per_kind` hits of every kind, each group with its "more" cursor.

        `words=False` skips the word pass: the fast answer to show while the full one runs.
        """
        query = self._query(text)
        groups = []
        with self._interruptible(cancelled) as session:
            for kind in SEARCH_KINDS:
                sources = sources_for(kind, query, words=words)
                found, after = collect(session, sources, None, limit_per_kind)
                groups.append(SearchGroup(kind=kind, hits=_hits(session, kind, found),
                                          after=after))
        return SearchResults(text=text, groups=groups)

    def needs_word_pass(self, text: str) -> bool:
        """Whether `search(words=True)` can find more than `search(words=False)` did."""
        return self._query(text).words

    def page(self, kind: SearchKind, text: str, *, after: tuple | None = None,
             limit: int = 20, cancelled: Cancelled | None = None) -> Page[SearchHit]:
        """The next hits of one kind after the cursor a group or an earlier page gave."""
        query = self._query(text)
        with self._interruptible(cancelled) as session:
            found, cursor = collect(session, sources_for(kind, query), after, limit)
            return Page(items=_hits(session, kind, found), after=cursor)
