"""Global search: clients, counterparties, contacts and deals found as the user types.

Every lookup is an index range scan, so a keystroke costs the same on ten records as on a
million: names by the prefix of their case-folded `*_key` twin, numbers (INN, OGRN, E.164
phones) and e-mails by prefix of their indexed columns. A prefix is matched with a range
(`key >= p AND key < p + U+10FFFF`), which SQLite (whose LIKE ignores indexes unless the column
is NOCASE) and PostgreSQL with the C collation both answer from the index; the LIKE beside it
keeps the answer exact on any collation.

A second pass finds a later word of a name ("альфа" in "ооо «альфа»"). No name index can seek
to it, so the store keeps every later word in `search_words` (`crm_tui.store.search_words`):
the pass seeks the first word of the typed text there by prefix, in (word, record) order,
joins each row back to its record to check the whole text against the name, and skips a
record's second matching word, so a record comes once. The check is a column of the answer,
not a condition, so both databases plan a plain range read in index order that stops when
the page is full (see `Source`). It runs only for three letters or more; a caller may still
ask for the fast passes alone first (`words=False`), and a search the user has typed past is
interrupted: `cancelled` is polled by SQLite's progress handler, which aborts the running
statement.

Each kind of record is searched by several such sources, one after another; a page cursor
is `(source number, sort key, row id)`, so "more" continues exactly where the page ended.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    exists,
    not_,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased

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
from crm_tui.store.base import HIGHEST, Repository, like_contains, starts_with, text_key
from crm_tui.store.errors import StoreError
from crm_tui.store.models import (
    Client,
    Contact,
    ContactEmail,
    ContactPhone,
    Counterparty,
    Deal,
    Pipeline,
    SearchWord,
    Stage,
    User,
)
from crm_tui.store.search_words import WORD_STARTS, seek_word
from crm_tui.validation import phone_search_keys

WORD_MIN_CHARS = 3
NUMBER_MIN_DIGITS = 3
EMAIL_MIN_CHARS = 2
MAX_QUERY_CHARS = 200
# Rows a checked source (the word pass) reads at first, doubled per read up to the maximum.
CHECKED_CHUNK = 32
CHECKED_CHUNK_MAX = 4096
_NUMBER = re.compile(r"[\d\s\-]+")
_SPACES = re.compile(r"\s+")



def name_like(key: str) -> bool:
    """A (case-folded) text worth seeking among later words of names: three characters or
    more, letters among them, no "@" (an e-mail is matched whole, by its own index)."""
    return len(key) >= WORD_MIN_CHARS and "@" not in key and any(ch.isalpha() for ch in key)


def word_seek(kind: str, word: str, whole: bool) -> ColumnElement[bool]:
    """The range of `search_words` holding `word` of `kind` records (or words it begins).

    A whole word is a range too, not `=`: SQLite then seeks a page cursor's row value in it.
    """
    end = (SearchWord.word <= word) if whole else (SearchWord.word < word + HIGHEST)
    return and_(SearchWord.kind == kind, SearchWord.word >= word, end)


def name_matches(kind: str, key_column: Any, ident: Any, key: str,
                 *others: Select) -> ColumnElement[bool]:
    """For a list's search box and the pickers: the name starts with `key`, a later word of it
    does, or `ident` is among the ids one of `others` selects (an INN, an e-mail).

    People type "альфа" for "ООО «Альфа»" and "иван" for "Петров Иван". Each way of matching
    is an index range giving ids; their union, read once, is looked up by primary key and
    sorted, so the list keeps its order, filters and keyset pages. Both databases plan it so
    (PostgreSQL as a semi-join by primary key; it would walk the whole table in list order for
    `range OR id IN (...)`), at a cost that grows with the number of matches: hence no word
    pass for a text that is not `name_like`, where a plain prefix is read in list order and
    stops early.
    """
    by_prefix = starts_with(key_column, key)
    if not name_like(key):
        return or_(by_prefix, *(ident.in_(ids) for ids in others))
    word, whole = seek_word(key)
    seek = word_seek(kind, word, whole)
    if word == key:
        by_word = select(SearchWord.record_id).where(seek)
    else:  # several words typed: the others must follow in the name itself
        by_word = (select(ident).join(SearchWord, SearchWord.record_id == ident)
                   .where(seek, has_word(key_column, key)))
    return ident.in_(union_all(select(ident).where(by_prefix), *others, by_word))

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
        """Worth the word pass (see `name_like`)."""
        return self.allow_words and name_like(self.key)

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

    A `check` is asked of each row in the select list, not the WHERE clause: the planner then
    sees a plain range in index order (PostgreSQL otherwise guesses the LIKEs leave a handful of
    rows and sorts the whole range), and rows failing it are skipped while the cursor moves on.
    Such a source is read in growing chunks, since a page may need many rows.
    """

    field: MatchedField
    sort: Any
    row: Any
    ident: Any
    where: ColumnElement[bool]
    check: ColumnElement[bool] | None = None

    def statement(self, after: tuple | None, limit: int) -> Select:
        columns = [self.sort, self.row, self.ident]
        if self.check is not None:
            columns.append(self.check.label("ok"))
        conditions = [self.where]
        if after is not None:
            conditions.append(tuple_(self.sort, self.row) > tuple_(*after))
        return select(*columns).where(and_(*conditions)).order_by(self.sort, self.row).limit(limit)


def _word_source(kind: SearchKind, key_column: Any, ident: Any, query: SearchQuery) -> Source:
    """Records with a later word starting as typed: a range of `search_words`, in its order.

    The range is one word of the typed text (`seek_word`); the check holds the whole text to
    the record's name (exact on any collation) and, for a prefix, passes only a record's first
    matching word, so a record with two ("иван" and "иванович") comes once.
    """
    word, whole = seek_word(query.key)
    check = and_(has_word(key_column, query.key), not_(starts_with(key_column, query.key)))
    seek = word_seek(kind, word, whole)
    if not whole:
        earlier = aliased(SearchWord)
        check = and_(check, not_(exists().where(
            earlier.kind == kind, earlier.record_id == SearchWord.record_id,
            earlier.word >= word, earlier.word < SearchWord.word)))
    where = and_(seek, ident == SearchWord.record_id)
    return Source("name", SearchWord.word, SearchWord.record_id, SearchWord.record_id, where,
                  check)


def _name_sources(kind: SearchKind, key_column: Any, ident: Any,
                  query: SearchQuery) -> tuple[Source, Source | None]:
    prefix = Source("name", key_column, ident, ident, starts_with(key_column, query.key))
    if not query.words:
        return prefix, None
    return prefix, _word_source(kind, key_column, ident, query)


def sources_for(kind: SearchKind, query: SearchQuery, *, words: bool = True) -> list[Source]:
    """The sources of one kind, most telling first: exact numbers, names, then later words."""
    if not query.key:
        return []
    if not words:
        query = SearchQuery(query.text, query.key, query.number, query.phone_keys, False)
    found: list[Source | None] = []
    if kind == "client":
        prefix, word = _name_sources("client", Client.name_key, Client.id, query)
        if query.number:
            found.append(Source("inn", Counterparty.inn, Counterparty.id, Counterparty.client_id,
                                starts_with(Counterparty.inn, query.number)))
        found += [prefix, word]
    elif kind == "counterparty":
        prefix, word = _name_sources("counterparty", Counterparty.name_key, Counterparty.id, query)
        if query.number:
            found.append(Source("inn", Counterparty.inn, Counterparty.id, Counterparty.id,
                                starts_with(Counterparty.inn, query.number)))
            found.append(Source("ogrn", Counterparty.ogrn, Counterparty.id, Counterparty.id,
                                starts_with(Counterparty.ogrn, query.number)))
        found += [prefix, word]
    elif kind == "contact":
        prefix, word = _name_sources("contact", Contact.name_key, Contact.id, query)
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
        prefix, word = _name_sources("deal", Deal.title_key, Deal.id, query)
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
        chunk = CHECKED_CHUNK
        while len(found) <= limit:
            want = limit + 1 - len(found)
            if source.check is not None:
                want, chunk = max(want, chunk), min(chunk * 2, CHECKED_CHUNK_MAX)
            rows = session.execute(source.statement(position, want)).all()
            for key, row, record_id, *ok in rows:
                position = (key, row)
                if (not ok or ok[0]) and record_id not in seen:
                    seen.add(record_id)
                    found.append(_Found(number, key, row, record_id, source.field))
                    if len(found) > limit:
                        break
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
