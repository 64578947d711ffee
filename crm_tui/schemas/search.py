"""What global search returns: hits grouped by kind of record, each group paged on its own."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from crm_tui.schemas.common import OutputModel

SearchKind = Literal["client", "counterparty", "contact", "deal"]
SEARCH_KINDS: tuple[SearchKind, ...] = ("client", "counterparty", "contact", "deal")

MatchedField = Literal["name", "inn", "ogrn", "phone", "email"]


class SearchHit(OutputModel):
    """One found record with the few facts that tell it apart from its namesakes.

    `matched_field`/`matched` say why it was found when that was not its name (the INN of a
    counterparty, the phone of a contact), so the user sees the number they typed.
    """

    kind: SearchKind
    id: int
    title: str
    matched_field: MatchedField = "name"
    matched: str | None = None
    archived: bool = False
    # client
    segment: str | None = None
    owner_name: str | None = None
    # counterparty and deal
    client_id: int | None = None
    client_name: str | None = None
    legal_form: str | None = None
    inn: str | None = None
    # contact
    position: str | None = None
    phone: str | None = None
    email: str | None = None
    # deal
    pipeline: str | None = None
    stage: str | None = None
    amount: Decimal | None = None
    currency: str | None = None


class SearchGroup(OutputModel):
    """The first hits of one kind; `after` fetches more (None: there are no more)."""

    kind: SearchKind
    hits: list[SearchHit]
    after: tuple | None = None


class SearchResults(OutputModel):
    """Everything found for `text`, one group per kind in `SEARCH_KINDS` order."""

    text: str
    groups: list[SearchGroup]

    def group(self, kind: SearchKind) -> SearchGroup:
        return next(g for g in self.groups if g.kind == kind)

    @property
    def empty(self) -> bool:
        return not any(g.hits for g in self.groups)
