"""Contracts and tickets: two paged lists in tabs, with a search box and a status filter each.

Both kinds are records people take part in with roles (seed 000), so they have their own
list here; Enter opens the card, `n` adds one of the kind of the open tab.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select, TabbedContent, TabPane

from crm_tui.app import DataChanged
from crm_tui.formatting import format_date, format_number
from crm_tui.i18n import N_, _
from crm_tui.schemas.contracts import CONTRACT_STATUSES, TICKET_STATUSES, ContractOut, TicketOut
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.status import show_status
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.paged_table import PagedTable
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.text import plain

KINDS = ("contract", "ticket")


def _day(value: Any) -> Text:
    return plain(format_date(value)) if value else Text("")


def contract_row(c: ContractOut) -> tuple[Text, ...]:
    return (plain(c.number), plain(c.client_name), plain(c.counterparty_name),
            plain(_(CONTRACT_STATUSES.get(c.status, c.status))), _day(c.signed_on),
            _day(c.valid_until))


def ticket_row(t: TicketOut) -> tuple[Text, ...]:
    return (plain(t.subject), plain(t.client_name), plain(t.counterparty_name),
            plain(_(TICKET_STATUSES.get(t.status, t.status))), _day(t.opened_on),
            _day(t.closed_on))


class ContractsScreen(CrmScreen):
    """Every contract and ticket, newest first; filter by text and status."""

    CSS_PATH = "contracts.tcss"
    HELP = _(
        "Contracts and tickets of all clients, newest first. Type a number, a subject or "
        "the start of a client's name to filter. 1 and 2 switch between contracts and "
        "tickets; Enter opens the card, n adds a new one."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("contracts.search", "ctrl+f", "focus_search", N_("contracts"),
                   N_("Filter the list"), show=True),
        UserAction("contracts.open", "enter", "open_selected", N_("contracts"),
                   N_("Open card")),
        UserAction("contracts.new", "n", "new_record", N_("contracts"), N_("New"), show=True),
        UserAction("contracts.tab_contracts", "1", "tab('contract')", N_("contracts"),
                   N_("Contracts")),
        UserAction("contracts.tab_tickets", "2", "tab('ticket')", N_("contracts"),
                   N_("Tickets")),
        UserAction("contracts.refresh", "ctrl+r", "refresh", N_("contracts"),
                   N_("Refresh list")),
    ]
    BINDINGS = bindings(ACTIONS)
    # The list, not the tab strip: otherwise which one has the keys depends on timing.
    AUTO_FOCUS = "#contract-table"

    def __init__(self) -> None:
        super().__init__()
        self._shown = False

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with TabbedContent(id="record-tabs"):
            for kind, title, statuses, columns, to_row in (
                ("contract", N_("Contracts"), CONTRACT_STATUSES,
                 [("number", _("Number")), ("client", _("Client")),
                  ("counterparty", _("Counterparty")), ("status", _("Status")),
                  ("signed", _("Signed on")), ("valid", _("Valid until"))], contract_row),
                ("ticket", N_("Tickets"), TICKET_STATUSES,
                 [("subject", _("Subject")), ("client", _("Client")),
                  ("counterparty", _("Counterparty")), ("status", _("Status")),
                  ("opened", _("Opened on")), ("closed", _("Closed on"))], ticket_row),
            ):
                with TabPane(_(title), id=f"tab-{kind}"):
                    with Horizontal(classes="filters"):
                        yield Input(placeholder=_("Number, subject or client…"),
                                    id=f"{kind}-search")
                        yield Select([(_(name), code) for code, name in statuses.items()],
                                     prompt=_("Any status"), id=f"{kind}-status")
                    yield Label("", classes="count", id=f"{kind}-count")
                    yield PagedTable(columns, to_row, id=f"{kind}-table")
        yield KeyFooter()

    # -- typed accessors -------------------------------------------------------------------
    @property
    def kind(self) -> str:
        active = self.query_one("#record-tabs", TabbedContent).active or "tab-contract"
        return active.removeprefix("tab-")

    def table(self, kind: str | None = None) -> PagedTable[Any]:
        return self.query_one(f"#{kind or self.kind}-table", PagedTable)

    def repository(self, kind: str) -> Any:
        return self.store.contracts if kind == "contract" else self.store.tickets

    def on_mount(self) -> None:
        show_status(self, _("Contracts"))
        for kind in KINDS:
            self.reload(kind)
        self.table("contract").focus()

    # -- loading ---------------------------------------------------------------------------
    def _filters(self, kind: str) -> dict[str, Any]:
        status = self.query_one(f"#{kind}-status", Select)
        return {"search": self.query_one(f"#{kind}-search", Input).value.strip() or None,
                "status": None if status.is_blank() else status.value}

    def reload(self, kind: str) -> None:
        filters = self._filters(kind)
        repository = self.repository(kind)
        self.table(kind).load(lambda after: repository.page(after=after, **filters))
        self.call_store(repository.count, done=lambda n: self._show_count(kind, n),
                        group=f"count-{kind}", **filters)

    def _show_count(self, kind: str, count: int) -> None:
        text = (_("Contracts: {count}", count=format_number(count)) if kind == "contract"
                else _("Tickets: {count}", count=format_number(count)))
        self.query_one(f"#{kind}-count", Label).update(plain(text))

    @on(Input.Changed)
    @on(Select.Changed)
    def _filter_changed(self, event: Input.Changed | Select.Changed) -> None:
        kind = (event.control.id or "").split("-")[0]
        if kind in KINDS:
            self.reload(kind)

    @on(Input.Submitted)
    def _search_submitted(self) -> None:
        self.table().focus()

    @on(TabbedContent.TabActivated, "#record-tabs")
    def _tab_changed(self) -> None:
        self.table().focus()

    def on_data_changed(self, _event: DataChanged) -> None:
        for kind in KINDS:
            self.reload(kind)

    def on_screen_resume(self) -> None:
        if self._shown:
            self.reload(self.kind)
        self._shown = True

    # -- actions -------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_record" and self.store.ctx.readonly:
            return False
        return True

    def action_tab(self, kind: str) -> None:
        self.query_one("#record-tabs", TabbedContent).active = f"tab-{kind}"

    def action_focus_search(self) -> None:
        self.query_one(f"#{self.kind}-search", Input).focus()

    def action_refresh(self) -> None:
        self.reload(self.kind)

    def action_open_selected(self) -> None:
        record = self.table().current
        if record is not None:
            self._open(self.kind, record.id)

    @on(PagedTable.Chosen)
    def _chosen(self, event: PagedTable.Chosen) -> None:
        kind = (event.table.id or "").split("-")[0]
        self._open(kind, event.item.id)

    def _open(self, kind: str, record_id: int) -> None:
        from crm_tui.screens.navigation import open_record

        open_record(self.app, kind, record_id)

    def action_new_record(self) -> None:
        from crm_tui.screens.navigation import new_record

        kind = self.kind

        def saved(record: Any) -> None:
            self.reload(kind)
            self._open(kind, record.id)

        new_record(self.app, kind, on_saved=saved)
