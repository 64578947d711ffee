"""The deal board: one column per stage of a pipeline, cards paged from the database.

Each column's header shows the stage's count and total amount, computed by the database; its
cards are options of one list fed by keyset pages, so thousands of deals in a stage cost one
page. `]` and `[` propose a move to the store, whose stage-rule checker decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalScroll
from textual.events import DescendantFocus
from textual.screen import ModalScreen
from textual.timer import Timer

from crm_tui.app import DataChanged
from crm_tui.formatting import format_money, format_number
from crm_tui.i18n import N_, _
from crm_tui.schemas.common import Page
from crm_tui.schemas.deals import DealCard, DealOut, StageSummary
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.deal_moves import DealMoves, DealRef
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.deal_text import card_text
from crm_tui.widgets.filter_line import Filter, FilterLine
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.stage_column import HEADER_LINES, StageColumn, page_to_fill
from crm_tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from crm_tui.app import CrmApp
    from crm_tui.store.deals import DealRepository
    from crm_tui.store.store import Store

LOADING_DELAY = 0.3  # seconds a reload may take before the columns show a loading spinner
# Lines of the board that are not its columns' cards: status bar, filters, the sideways
# scrollbar, footer, and each column's header.
BOARD_CHROME = 4 + HEADER_LINES


def load_board(deals: DealRepository, pipeline: str, owner_id: int | None,
               sizes: dict[str, int]) -> tuple[dict[str, Page[DealCard]], list[StageSummary]]:
    """The first `sizes[stage]` cards of each of those stages, and every stage's totals."""
    pages = {stage: deals.board_page(pipeline, stage, owner_id=owner_id, limit=size)
             for stage, size in sizes.items()}
    return pages, deals.stage_summaries(pipeline, owner_id=owner_id)


class DealBoardScreen(DealMoves, CrmScreen):
    """Deals by stage; a manager sees their own deals first, the head of sales everyone's."""

    CSS_PATH = "deal_board.tcss"
    HELP = _(
        "The deal board: one column per stage, each headed by its number of deals and their "
        "total. Left and right move between stages, up and down between deals. ] moves the "
        "deal to the next stage and [ back; if a stage rule is not met, a dialog lists what is "
        "missing and takes you where to fix it. A ⚠ badge names the key roles a deal lacks."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("board.next_stage", "right_square_bracket,shift+right", "move(1)",
                   N_("deal"), N_("Move to the next stage"), show=True, key_display="]"),
        UserAction("board.previous_stage", "left_square_bracket,shift+left", "move(-1)",
                   N_("deal"), N_("Move to the previous stage"), show=True, key_display="["),
        UserAction("board.lost", "l", "close_lost", N_("deal"), N_("Close as lost")),
        UserAction("board.open", "enter", "open_deal", N_("deal"), N_("Open the deal")),
        UserAction("board.new", "n", "new_deal", N_("deal"), N_("New deal"), show=True),
        # Priority: the card lists would otherwise take the arrows to scroll sideways.
        UserAction("board.left", "left", "column(-1)", N_("board"), N_("Previous stage column"),
                   priority=True),
        UserAction("board.right", "right", "column(1)", N_("board"), N_("Next stage column"),
                   priority=True),
        UserAction("board.pipeline", "p", "pick('pipeline')", N_("board"),
                   N_("Choose the pipeline")),
        UserAction("board.owner", "o", "pick('owner')", N_("board"), N_("Filter by owner")),
        UserAction("board.refresh", "ctrl+r", "refresh", N_("board"), N_("Refresh the board")),
    ]
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "StageColumn"
    MIN_COLUMN_WIDTH = 26

    def __init__(self, pipeline: str | None = None) -> None:
        super().__init__()
        self.pipeline = pipeline or ""
        self._column = 0
        self._follow: tuple[str, int] | None = None
        self._ready = False
        self._left_for_dialog = False
        self._moving_from: str | None = None  # the stage of the deal being moved
        self._changed: set[str] | None = None  # the stages a move changed; None: any
        self._loading_timer: Timer | None = None
        self._undrawn: set[str] | None = set()  # stages a running load is to draw; None: all
        self._owner_id: int | None = None  # whose deals are shown; None: everyone's
        self._owners: list[tuple[str, int]] | None = None  # (name, id), once loaded

    @staticmethod
    def default_owner(store: Store) -> int | None:
        """Whose deals a fresh board shows: "my deals" for a manager (known without the list
        of owners, so the cards load while that list does), everyone's for the others."""
        user = store.user
        return user.id if user is not None and user.role == "manager" else None

    @classmethod
    def warm_up(cls, app: CrmApp) -> None:
        pipeline = app.settings.pipelines[0]
        size = page_to_fill(app.size.height - BOARD_CHROME)
        load_board(app.store.deals, pipeline.code, cls.default_owner(app.store),
                   {stage.code: size for stage in pipeline.stages})
        app.store.users.list()

    def start_loading(self) -> None:
        settings = self.app.settings
        if not any(p.code == self.pipeline for p in settings.pipelines):
            self.pipeline = settings.pipelines[0].code
        self._owner_id = self.default_owner(self.store)
        self._ready = True
        self.reload()
        self.call_store(self.store.users.list, done=self._fill_owners, group="owners")

    def compose(self) -> ComposeResult:
        # Unless the app made them before composing: the SQL runs while the widgets mount.
        self.begin_loading()
        settings = self.app.settings
        yield StatusBar()
        user = self.store.user
        mine = user is not None and self._owner_id == user.id
        yield FilterLine(
            Filter("pipeline", _("Pipeline"), "p", settings.pipeline(self.pipeline).name),
            Filter("owner", _("Owner"), "o", user.display_name if mine else _("All owners")),
            id="board-filters")
        board = HorizontalScroll(*self._columns(), id="board")
        self._set_overflow(board, len(settings.pipeline(self.pipeline).stages),
                           self.app.size.width)
        yield board
        yield KeyFooter()

    def _columns(self) -> list[StageColumn]:
        settings = self.app.settings
        now = self.store.ctx.now

        def render(card: DealCard):  # type: ignore[no-untyped-def]
            return card_text(card, settings, now())

        stages = settings.pipeline(self.pipeline).stages
        width = self._column_width(len(stages), self.app.size.width)
        return [StageColumn(stage.code, stage.name, render, width) for stage in stages]

    def _set_overflow(self, board: HorizontalScroll, columns: int, screen_width: int) -> None:
        # The sideways scrollbar decided before the first layout: Textual would add it after
        # that layout, then lay out and draw the whole board again a line shorter.
        wide = columns * self._column_width(columns, screen_width) > screen_width
        board.styles.overflow_x = "scroll" if wide else "hidden"

    def _column_width(self, columns: int, screen_width: int) -> int:
        """Each stage's share of the width; past the minimum, the board scrolls sideways."""
        return max(self.MIN_COLUMN_WIDTH, screen_width // max(1, columns))

    # -- typed accessors -------------------------------------------------------------------
    @property
    def columns(self) -> list[StageColumn]:
        return list(self.query(StageColumn).results(StageColumn))

    def column(self, stage: str) -> StageColumn:
        return self.query_one(f"#column-{stage}", StageColumn)

    @property
    def current_card(self) -> DealCard | None:
        focused = self.focused
        if isinstance(focused, StageColumn):
            return focused.current
        columns = self.columns
        return columns[self._column].current if columns else None

    @property
    def owner_id(self) -> int | None:
        return self._owner_id

    # -- loading ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.query_one(StatusBar).screen_title = _("Deal board")
        self.draw_waiting()

    def _fill_owners(self, users) -> None:  # type: ignore[no-untyped-def]
        self.when_mounted(lambda: self._show_owners(users))

    def _show_owners(self, users) -> None:  # type: ignore[no-untyped-def]
        self._owners = [(u.display_name, u.id) for u in users]
        if not isinstance(self.focused, StageColumn):
            self._focus_column(0)

    def reload(self, stages: set[str] | None = None) -> None:
        """The stage totals and the first cards of `stages` (every stage when None) again.

        One worker fetches them all and they are drawn at once: a worker per column would
        redraw the whole board as each column's page came in.
        """
        if not self._ready:
            return
        # This load replaces one still running: take over the stages that one was to draw.
        if stages is None or self._undrawn is None:
            stages = None  # one of them is the whole board
        else:
            stages = stages | self._undrawn
        self._undrawn = stages
        deals, pipeline, owner_id = self.store.deals, self.pipeline, self.owner_id
        codes = [stage.code for stage in self.app.settings.pipeline(pipeline).stages
                 if stages is None or stage.code in stages]
        sizes = {code: self._first_page_size(code) for code in codes}

        def fetch(stage: str, after: tuple | None, limit: int) -> Page[DealCard]:
            return deals.board_page(pipeline, stage, owner_id=owner_id, after=after,
                                    limit=limit)

        def load() -> tuple[dict[str, Page[DealCard]], list[StageSummary]]:
            return load_board(deals, pipeline, owner_id, sizes)

        def done(result: tuple[dict[str, Page[DealCard]], list[StageSummary]]) -> None:
            self.when_mounted(lambda: draw(result))

        def draw(result: tuple[dict[str, Page[DealCard]], list[StageSummary]]) -> None:
            self._undrawn = set()
            self._stop_loading(codes)
            pages, summaries = result
            with self.app.batch_update():
                for stage, page in pages.items():
                    found = self.query(f"#column-{stage}")
                    if not found:
                        continue  # another pipeline is shown by now
                    follow = self._follow
                    keep = follow[1] if follow and follow[0] == stage else None
                    found.first(StageColumn).show_first_page(
                        lambda after, limit, stage=stage: fetch(stage, after, limit), page,
                        keep=keep)
                self._show_summaries(summaries)

        def failed(exc: Exception) -> None:
            self._undrawn = set()
            self._stop_loading(codes)
            self.show_store_error(exc)

        if self._loading_timer is not None:
            self._loading_timer.stop()
        # A quick load shows no spinner: mounting one per column costs more than it tells.
        # (Before the screen is shown there are no columns to spin.)
        if self.is_attached:
            self._loading_timer = self.set_timer(
                LOADING_DELAY, lambda: self._set_loading(codes, True))
        self.call_store(load, done=done, on_error=failed, group="board")

    def _first_page_size(self, stage: str) -> int:
        found = self.query(f"#column-{stage}")
        if found and found.first(StageColumn).size.height:
            return found.first(StageColumn).first_page_size
        # Not laid out yet: the terminal's height less the board's other lines.
        return page_to_fill(self.app.size.height - BOARD_CHROME)

    def _stop_loading(self, stages: list[str]) -> None:
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        self._set_loading(stages, False)

    def _set_loading(self, stages: list[str], loading: bool) -> None:
        for stage in stages:
            for column in self.query(f"#column-{stage}").results(StageColumn):
                column.loading = loading

    def _show_summaries(self, summaries: list[StageSummary]) -> None:
        currency = self.app.settings.currency
        for summary in summaries:
            found = self.query(f"#column-{summary.stage}")
            if found:
                found.first(StageColumn).show_summary(
                    format_number(summary.count), format_money(summary.total, currency))

    @on(StageColumn.Loaded)
    def _column_loaded(self, event: StageColumn.Loaded) -> None:
        self.refresh_bindings()
        if self._follow and self._follow[0] == event.cards.stage:
            _stage, deal_id = self._follow
            self._follow = None
            if event.cards.highlight_deal(deal_id):
                self._focus_column(self._index_of(event.cards.stage))

    # -- filters ---------------------------------------------------------------------------
    def action_pick(self, name: str) -> None:
        """Offer the pipelines, or the owners, in a dialog; the choice reloads the board."""
        if name == "pipeline":
            answers = [(p.code, p.name) for p in self.app.settings.pipelines]
            self.ask_filter(name, _("Which pipeline?"), answers, self.pipeline,
                            self._pipeline_chosen)
            return
        if self._owners is None:
            self.notify(_("The list of owners is still loading."))
            return
        answers = [("", _("All owners")), *((str(i), who) for who, i in self._owners)]
        current = "" if self._owner_id is None else str(self._owner_id)
        self.ask_filter(name, _("Whose deals?"), answers, current, self._owner_chosen)

    async def _pipeline_chosen(self, code: str) -> None:
        if code == self.pipeline:
            return
        self.pipeline = code
        board = self.query_one("#board", HorizontalScroll)
        await board.remove_children()
        await board.mount_all(self._columns())
        self._fit_columns()
        self._focus_column(0)
        self.reload()

    def _owner_chosen(self, value: str) -> None:
        owner = int(value) if value else None
        if owner != self._owner_id:
            self._owner_id = owner
            self.reload()

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    def on_screen_suspend(self) -> None:
        self._left_for_dialog = isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        # Back from a deal or the role panel: anything may have changed. A dialog's answer
        # reloads just the stages it touched (see `deal_moved`), so closing one reloads none.
        # The first showing (Textual may announce it twice) has the load begun in compose.
        if self._left_once and not self._left_for_dialog:
            self.reload()
        self._left_for_dialog = False

    # -- columns and focus -----------------------------------------------------------------
    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the width between the stages again (the terminal was resized)."""
        columns = self.columns
        if not columns:
            return
        width = self._column_width(len(columns), self.size.width)
        self._set_overflow(self.query_one("#board", HorizontalScroll), len(columns),
                           self.size.width)
        for column in columns:
            column.set_width(width)

    def _index_of(self, stage: str) -> int:
        stages = [column.stage for column in self.columns]
        return stages.index(stage) if stage in stages else 0

    def _focus_column(self, index: int) -> None:
        columns = self.columns
        if not columns:
            return
        self._column = max(0, min(index, len(columns) - 1))
        column = columns[self._column]
        column.focus()
        self.query_one("#board", HorizontalScroll).scroll_to_widget(column, animate=False)

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, StageColumn):
            self._column = self._index_of(event.widget.stage)

    def action_column(self, delta: int) -> None:
        self._focus_column(self._column + delta)

    def action_refresh(self) -> None:
        self.reload()

    # -- deals -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "close_lost", "open_deal"):
            return self.is_mounted and self.current_card is not None
        return True

    def _ref(self, card: DealCard) -> DealRef:
        return DealRef(card.id, card.title, self.pipeline, card.stage)

    def action_move(self, step: int) -> None:
        card = self.current_card
        if card is not None:
            self._moving_from = card.stage
            self.move_deal(self._ref(card), step)

    def action_close_lost(self) -> None:
        card = self.current_card
        if card is not None:
            self._moving_from = card.stage
            self.close_deal_as_lost(self._ref(card))

    def deal_moved(self, moved: DealOut) -> None:
        self._follow = (moved.stage, moved.id)
        # Only the stage the deal left and the one it entered have changed.
        self._changed = {moved.stage} | ({self._moving_from} if self._moving_from else set())
        super().deal_moved(moved)

    def deal_changed(self) -> None:
        changed, self._changed = self._changed, None
        self._moving_from = None
        self.reload(changed)

    def action_open_deal(self) -> None:
        card = self.current_card
        if card is not None:
            self._open(card.id)

    @on(StageColumn.Chosen)
    def _chosen(self, event: StageColumn.Chosen) -> None:
        self._open(event.card.id)

    def _open(self, deal_id: int) -> None:
        from crm_tui.screens.navigation import open_record

        open_record(self.app, "deal", deal_id)

    def action_new_deal(self) -> None:
        from crm_tui.screens.navigation import new_record

        def saved(deal: DealOut) -> None:
            self._follow = (deal.stage, deal.id)
            self.reload({deal.stage})

        new_record(self.app, "deal", on_saved=saved, pipeline=self.pipeline)
