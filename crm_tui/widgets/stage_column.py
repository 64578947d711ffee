"""One column of the deal board: a header with the stage's count and total, and its cards.

The column is one line-drawn `CardList` (its header included) fed by keyset pages from the
store, so a stage holding thousands of deals costs one page of rendering, not thousands of
widgets; the next page is fetched in a thread when the highlight nears the end of what is
loaded. The first page is what fills the column and one card more: the board shows several
stages at once, and every card fetched and wrapped that nobody scrolls to only delays the
board's opening. The next page comes as the highlight moves down.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.message import Message

from crm_tui.i18n import N_, _
from crm_tui.schemas.deals import DealCard
from crm_tui.widgets.card_list import CardList
from crm_tui.widgets.paging import KeysetPaging

RenderCard = Callable[[DealCard], Text]
# A card takes at least four lines (client, title, amount, days) and a rule under it.
CARD_LINES = 5
NEXT_PAGE = 60
PREFETCH_MARGIN = 5  # cards left below the highlight when the next page is fetched
COLUMN_BORDER = 1  # the rule right of each column (deal_board.tcss)
HEADER_LINES = 2  # the stage's name; its count and total


def page_to_fill(rows: int) -> int:
    """How many cards fill a column `rows` lines tall (a card is at least CARD_LINES), and
    one more so that the column ends in a card cut off, not in blank space."""
    return math.ceil(rows / CARD_LINES) + 1


SizedFetch = Callable[[tuple | None, int], Any]  # (after, limit) -> crm_tui.schemas.common.Page


class StageColumn(KeysetPaging, CardList):
    """One stage: a header (name, count and total from SQL) above its cards, one widget.

    Enter on a card posts `StageColumn.Chosen` with the card.
    """

    HELP = _(
        "Deals in one stage, newest in the stage first. Up and down move between cards, left "
        "and right between stages; more cards load as you reach the end. Enter opens the deal."
    )
    help_title = _("Stage column")
    load_error_title = N_("Could not load the deals")

    class Chosen(Message):
        def __init__(self, cards: StageColumn, card: DealCard) -> None:
            super().__init__()
            self.cards = cards
            self.card = card

        @property
        def control(self) -> StageColumn:
            return self.cards

    class Loaded(Message):
        """The first page arrived (the board may now put the highlight on a moved deal)."""

        def __init__(self, cards: StageColumn) -> None:
            super().__init__()
            self.cards = cards

        @property
        def control(self) -> StageColumn:
            return self.cards

    DEFAULT_CSS = """
    /* Always a scrollbar: one that appears after the first layout lays the board out and
       draws it again (the room for it is kept anyway, see CardList._text_width). */
    StageColumn { width: 30; height: 1fr; overflow-y: scroll; }
    """

    def __init__(self, stage: str, title: str, render_card: RenderCard, width: int) -> None:
        super().__init__(id=f"column-{stage}", header_height=HEADER_LINES)
        self.stage = stage
        self.title = title
        self._render_card = render_card
        self.set_header([Text(title, style="bold")])
        self.set_width(width)
        self._cards: list[DealCard] = []
        self._init_paging()
        self._keep: int | None = None

    @property
    def cards(self) -> list[DealCard]:
        """The cards loaded so far (the first pages, not the whole stage)."""
        return list(self._cards)

    @property
    def current(self) -> DealCard | None:
        if self.highlighted is None or not self._cards:
            return None
        return self._cards[self.highlighted]

    @property
    def first_page_size(self) -> int:
        """How many cards to fetch first: a columnful, or as far as the highlight was, so a
        reload keeps the highlighted card."""
        return max(page_to_fill(self._rows), (self.highlighted or 0) + PREFETCH_MARGIN + 1)

    @property
    def _rows(self) -> int:
        # Before its first layout the list has no height: the terminal's bounds it.
        return self._view_height if self.size.height else self.app.size.height

    def set_width(self, width: int) -> None:
        """The column's width; its cards wrap to it even before they are first laid out."""
        self.styles.width = width
        self.planned_width = width - COLUMN_BORDER

    def show_summary(self, count: str, total: str) -> None:
        # One line each, cut with "…": a long stage name must not push the totals away.
        self.set_header([Text(self.title, style="bold"),
                         Text(_("{count} · {total}", count=count, total=total))])

    def on_resize(self) -> None:
        super().on_resize()
        # A taller column shows more cards: fetch them if the loaded ones no longer fill it.
        shown = math.ceil(self._rows / CARD_LINES)
        self._more_if_near_end((self.highlighted or 0) + shown, len(self._cards), 0)

    def show_first_page(self, fetch: SizedFetch, page: Any, *, keep: int | None = None) -> None:
        """Show a first page the board fetched; the next pages come from `fetch`."""
        self._keep = self._kept(keep)
        self._show_first_page(lambda after: fetch(after, NEXT_PAGE), page)

    def _kept(self, keep: int | None) -> int | None:
        return keep if keep is not None else (self.current.id if self.current else None)

    def _show_page(self, page: Any, first: bool) -> None:
        if first:
            self._cards = []
            self.clear_cards()
        known = {card.id for card in self._cards}
        fresh = [card for card in page.items if card.id not in known]
        self._cards.extend(fresh)
        self.add_cards([self._render_card(card) for card in fresh])

    def _page_shown(self, first: bool, count: int) -> None:
        if first:
            ids = [card.id for card in self._cards]
            self.highlighted = ids.index(self._keep) if self._keep in ids else (0 if ids else None)
            self.post_message(self.Loaded(self))

    def highlight_deal(self, deal_id: int) -> bool:
        """Put the highlight on a loaded deal; False if it is not among the loaded cards."""
        for index, card in enumerate(self._cards):
            if card.id == deal_id:
                self.highlighted = index
                return True
        return False

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        super().watch_highlighted(old, new)
        self._more_if_near_end(new, len(self._cards), PREFETCH_MARGIN)

    @on(CardList.Selected)
    def _card_selected(self, event: CardList.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self._cards):
            self.post_message(self.Chosen(self, self._cards[event.index]))
