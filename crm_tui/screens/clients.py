"""The client list: a paged table with owner, segment and priority filters and a search box."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select

from crm_tui.app import DataChanged
from crm_tui.formatting import format_number, plural
from crm_tui.i18n import N_, _
from crm_tui.schemas.clients import ClientRow
from crm_tui.screens.base import CrmScreen
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.paged_table import PagedTable
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.text import plain

PRIORITY_NAMES = {"low": N_("low"), "normal": N_("normal"), "high": N_("high")}
KIND_NAMES = {"organisation": N_("organisation"), "sole_trader": N_("sole trader"),
              "person": N_("person")}


def client_row(client: ClientRow):  # type: ignore[no-untyped-def]
    return (
        plain(client.name),
        plain(_(KIND_NAMES[client.kind])),
        plain(client.segment),
        plain(client.industry),
        plain(_(PRIORITY_NAMES[client.priority])),
        plain(client.owner_name),
        plain(format_number(client.open_deals)),
    )


class ClientListScreen(CrmScreen):
    """Every client you may see, paged from the database; enter opens the client card."""

    HELP = _(
        "The client list. Managers see their own clients first (the Owner filter); the head "
        "of sales sees everyone. Type in the search box to find a client by name or by the "
        "INN of any of its legal entities."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("clients.search", "ctrl+f", "focus_search", N_("client"),
                   N_("Filter the list"), show=True),
        UserAction("clients.open", "enter", "open_selected", N_("client"), N_("Open card")),
        UserAction("clients.new", "n", "new_client", N_("client"), N_("New client"),
                   show=True),
        UserAction("clients.refresh", "ctrl+r", "refresh", N_("client"), N_("Refresh list")),
    ]
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#client-table"

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with Horizontal(classes="filters"):
            yield Input(placeholder=_("Name or INN…"), id="client-search")
            yield Select([], prompt=_("Owner"), id="owner-filter", allow_blank=True)
            yield Select([], prompt=_("Segment"), id="segment-filter", allow_blank=True)
            yield Select(
                [(_(name), code) for code, name in PRIORITY_NAMES.items()],
                prompt=_("Priority"), id="priority-filter", allow_blank=True,
            )
        yield Label("", classes="count", id="client-count")
        yield PagedTable(
            [("name", _("Name")), ("kind", _("Type")), ("segment", _("Segment")),
             ("industry", _("Industry")), ("priority", _("Priority")),
             ("owner", _("Owner")), ("deals", _("Open deals"))],
            client_row,
            id="client-table",
        )
        yield KeyFooter()

    # -- typed accessors -------------------------------------------------------------
    @property
    def table(self) -> PagedTable[ClientRow]:
        return self.query_one("#client-table", PagedTable)

    @property
    def search(self) -> Input:
        return self.query_one("#client-search", Input)

    def on_mount(self) -> None:
        self.query_one(StatusBar).screen_title = _("Clients")
        self.call_store(self.store.users.list, done=self._fill_owners, group="owners")
        self.call_store(self.store.clients.segments, done=self._fill_segments, group="segments")

    def _fill_owners(self, users) -> None:  # type: ignore[no-untyped-def]
        select = self.query_one("#owner-filter", Select)
        select.set_options([(u.display_name, u.id) for u in users])
        user = self.store.user
        if user is not None and user.role == "manager":
            select.value = user.id  # "mine" by default for a manager
        else:
            self.reload()

    def _fill_segments(self, segments: list[str]) -> None:
        self.query_one("#segment-filter", Select).set_options([(s, s) for s in segments])

    # -- loading -------------------------------------------------------------------------
    def _filters(self) -> dict:
        def value(widget_id: str):  # type: ignore[no-untyped-def]
            select = self.query_one(widget_id, Select)
            return None if select.is_blank() else select.value

        return {
            "owner_id": value("#owner-filter"),
            "segment": value("#segment-filter"),
            "priority": value("#priority-filter"),
            "search": self.search.value.strip() or None,
        }

    def reload(self) -> None:
        filters = self._filters()
        clients = self.store.clients
        self.table.load(lambda after: clients.page(after=after, **filters))
        self.call_store(clients.count, done=self._show_count, group="count", **filters)

    def _show_count(self, count: int) -> None:
        self.query_one("#client-count", Label).update(
            plain(plural(count, _("{count} client|{count} clients")))
        )

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.reload()

    @on(Input.Changed, "#client-search")
    def _search_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#client-search")
    def _search_submitted(self) -> None:
        self.table.focus()

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    # -- actions -------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        self.search.focus()

    def action_refresh(self) -> None:
        self.reload()

    def action_open_selected(self) -> None:
        client = self.table.current
        if client is not None:
            self.open_client(client.id)

    @on(PagedTable.Chosen, "#client-table")
    def _chosen(self, event: PagedTable.Chosen) -> None:
        self.open_client(event.item.id)

    def open_client(self, client_id: int) -> None:
        from crm_tui.screens.navigation import open_record

        open_record(self.app, "client", client_id)

    def action_new_client(self) -> None:
        from crm_tui.screens.navigation import new_record

        new_record(self.app, "client", on_saved=lambda _client: self.reload())
