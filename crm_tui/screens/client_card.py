"""The client card: the client's fields and completeness, and tabs for its legal entities,
people, deals, open tasks and timeline. The centre of the sales workflow.

Keys that act on one tab (add a counterparty, link a contact, end a link) are offered only
while that tab is shown, so the same letter can mean "add" on every tab.

A tab's rows are loaded the first time it is shown, not when the card opens: a big client's
five tabs cost five queries and five tables drawn, and most visits look at one or two.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, TabbedContent, TabPane

from crm_tui.app import DataChanged
from crm_tui.i18n import N_, _
from crm_tui.schemas.clients import AffiliationIn, ClientOut
from crm_tui.schemas.people import ClientPerson
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.confirm import ConfirmDialog
from crm_tui.screens.navigation import new_record, open_record
from crm_tui.screens.status import show_status
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.card_tables import CounterpartyTable, deals_table, people_table
from crm_tui.widgets.completeness import Completeness
from crm_tui.widgets.field_grid import FieldGrid
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.paged_table import PagedTable
from crm_tui.widgets.record_text import CLIENT_KIND_NAMES, PRIORITY_NAMES, named
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.tab_underline import place_underline
from crm_tui.widgets.task_table import TaskTable
from crm_tui.widgets.text import plain
from crm_tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from crm_tui.app import CrmApp

TABS = ("counterparties", "contacts", "deals", "tasks", "timeline")
# Tabs whose rows come in one store call (the others are paged by their table).
WHOLE_TABS = ("counterparties", "tasks")
# action -> the tab it belongs to
TAB_ACTIONS = {"add_counterparty": "counterparties", "archive_counterparty": "counterparties",
               "new_contact": "contacts", "link_contact": "contacts", "end_link": "contacts",
               "new_deal": "deals"}


class ClientCardScreen(CrmScreen):
    """One client, everything about it on one screen; escape goes back."""

    CSS_PATH = "card.tcss"
    HELP = _(
        "The client card. The top shows the client's fields and which important ones are "
        "still empty. Keys 1 to 5 switch between the tabs: counterparties, contacts, deals, "
        "open tasks and the timeline. Enter on a row opens or edits it."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("client_card.edit", "e", "edit_client", N_("client"), N_("Edit client"),
                   show=True),
        UserAction("client_card.add_counterparty", "a", "add_counterparty", N_("client"),
                   N_("Add counterparty"), show=True),
        UserAction("client_card.archive_counterparty", "x", "archive_counterparty",
                   N_("client"), N_("Archive or restore counterparty"), show=True),
        UserAction("client_card.new_contact", "a", "new_contact", N_("client"),
                   N_("New contact"), show=True),
        UserAction("client_card.link_contact", "l", "link_contact", N_("client"),
                   N_("Link an existing contact"), show=True),
        UserAction("client_card.end_link", "x", "end_link", N_("client"),
                   N_("Left the company: end the link"), show=True),
        UserAction("client_card.new_deal", "a", "new_deal", N_("client"), N_("New deal"),
                   show=True),
        UserAction("client_card.new_task", "t", "new_task", N_("client"), N_("New task"),
                   show=True),
        UserAction("client_card.log", "g", "log_activity", N_("client"),
                   N_("Log an activity"), show=True),
        *(UserAction(f"client_card.tab_{tab}", str(n), f"show_tab('{tab}')", N_("client"),
                     title)
          for n, (tab, title) in enumerate(
              [("counterparties", N_("Show counterparties")), ("contacts", N_("Show contacts")),
               ("deals", N_("Show deals")), ("tasks", N_("Show open tasks")),
               ("timeline", N_("Show the timeline"))], start=1)),
    ]
    BINDINGS = [*CrmScreen.BINDINGS, *bindings(ACTIONS)]

    def __init__(self, client_id: int, tab: str | None = None) -> None:
        super().__init__()
        self.client_id = client_id
        self.client: ClientOut | None = None
        self.initial_tab = tab if tab in TABS else TABS[0]
        self._loaded: set[str] = set()  # the tabs whose rows have been asked for
        # Focus the table of the tab shown first, once, when the screen is first shown.
        self.AUTO_FOCUS = f"#{self.initial_tab} DataTable"

    def compose(self) -> ComposeResult:
        # Unless the app made them before composing: the SQL runs while the widgets mount.
        self.begin_loading()
        settings = self.app.settings
        yield StatusBar()
        with Vertical(id="card-head"):
            yield Label("", id="card-title")
            yield FieldGrid(id="card-fields")
            yield Completeness(id="card-missing")
        with TabbedContent(initial=self.initial_tab, id="card-tabs"):
            with TabPane(_("Counterparties"), id="counterparties"):
                yield CounterpartyTable(id="counterparty-table")
            with TabPane(_("Contacts"), id="contacts"):
                yield people_table(settings, id="people-table")
            with TabPane(_("Deals"), id="deals"):
                yield deals_table(settings, id="deal-table")
            with TabPane(_("Open tasks"), id="tasks"):
                yield TaskTable(settings, id="task-table")
            with TabPane(_("Timeline"), id="timeline"):
                yield Timeline(settings, id="timeline-table")
        yield KeyFooter()

    @classmethod
    def warm_up(cls, app: CrmApp) -> None:
        # What opening a card on its first tab asks (reload_client, reload_counterparties),
        # for the first client by name: any client compiles the statements.
        store = app.store
        first = store.clients.page(limit=1).items
        if first:
            client_id = first[0].id
            store.clients.get(client_id)
            store.clients.missing_important_fields(client_id)
            store.counterparties.of_client(client_id, include_archived=True)

    def start_loading(self) -> None:
        # Tabs of paged tables start from on_mount: the table runs their paging.
        self.reload_client()
        if self.initial_tab in WHOLE_TABS:
            self._load_tab(self.initial_tab)

    # -- typed accessors -------------------------------------------------------------
    @property
    def tabs(self) -> TabbedContent:
        return self.query_one("#card-tabs", TabbedContent)

    @property
    def counterparties(self) -> CounterpartyTable:
        return self.query_one("#counterparty-table", CounterpartyTable)

    @property
    def people(self) -> PagedTable[ClientPerson]:
        return self.query_one("#people-table", PagedTable)

    @property
    def deals(self) -> PagedTable:
        return self.query_one("#deal-table", PagedTable)

    @property
    def tasks(self) -> TaskTable:
        return self.query_one("#task-table", TaskTable)

    @property
    def timeline(self) -> Timeline:
        return self.query_one("#timeline-table", Timeline)

    # -- loading -------------------------------------------------------------------------
    def on_mount(self) -> None:
        show_status(self, _("Client card"))
        place_underline(self.tabs)
        self._load_tab(self.initial_tab)
        self.draw_waiting()

    def reload(self) -> None:
        """The client and the tabs loaded so far again; the others load when first shown."""
        self.reload_client()
        self._reload_tabs(*TABS)

    def _load_tab(self, tab: str) -> None:
        if tab not in self._loaded:
            self._loaded.add(tab)
            self._loaders[tab]()

    def _reload_tabs(self, *tabs: str) -> None:
        for tab in tabs:
            if tab in self._loaded:
                self._loaders[tab]()

    @property
    def _loaders(self) -> dict[str, Callable[[], None]]:
        return {"counterparties": self.reload_counterparties, "contacts": self.reload_people,
                "deals": self.reload_deals, "tasks": self.reload_tasks,
                "timeline": self.reload_timeline}

    def reload_client(self) -> None:
        self.call_store(self.store.clients.get, self.client_id, group="client",
                        done=lambda client: self.when_mounted(lambda: self._show_client(client)))
        self.call_store(self.store.clients.missing_important_fields, self.client_id,
                        group="missing",
                        done=lambda missing: self.when_mounted(
                            lambda: self._show_missing(missing)))

    def reload_counterparties(self) -> None:
        self.call_store(self.store.counterparties.of_client, self.client_id,
                        include_archived=True, group="counterparties",
                        done=lambda found: self.when_mounted(
                            lambda: self.counterparties.show(found)))

    def reload_people(self) -> None:
        store, client_id = self.store, self.client_id
        self.people.load(lambda after: store.people.of_client(client_id, after=after))

    def reload_deals(self) -> None:
        store, client_id = self.store, self.client_id
        self.deals.load(lambda after: store.deals.of_client(client_id, after=after))

    def reload_tasks(self) -> None:
        self.call_store(self.store.tasks.open_for, client_id=self.client_id, group="tasks",
                        done=lambda tasks: self.when_mounted(lambda: self.tasks.show(tasks)))

    def reload_timeline(self) -> None:
        store, client_id = self.store, self.client_id
        self.timeline.load(lambda after: store.activities.timeline("client", client_id,
                                                                   after=after))

    def reload_work(self) -> None:
        """After a task or an activity: the open tasks and the timeline, where loaded."""
        self._reload_tabs("tasks", "timeline")

    def _show_client(self, client: ClientOut) -> None:
        self.client = client
        title = plain(client.name, style="bold")
        if client.archived:
            title.append("  " + _("(archived)"), style="italic")
        self.query_one("#card-title", Label).update(title)
        self.query_one("#card-fields", FieldGrid).show([
            (_("Type"), named(CLIENT_KIND_NAMES, client.kind)),
            (_("Priority"), named(PRIORITY_NAMES, client.priority)),
            (_("Segment"), plain(client.segment)),
            (_("Industry"), plain(client.industry)),
            (_("Owner"), plain(client.owner_name)),
            (_("Legal address"), plain(client.legal_address)),
            (_("Delivery address"), plain(client.delivery_address)),
            (_("Notes"), plain(client.notes)),
        ])

    def _show_missing(self, missing: list[str]) -> None:
        self.query_one("#card-missing", Completeness).show(missing)

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    # -- tabs ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = TAB_ACTIONS.get(action)
        if tab is None:
            return True
        return self.tabs.active == tab

    @on(TabbedContent.TabActivated, "#card-tabs")
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id in TABS:
            self._load_tab(event.pane.id)
        self.refresh_bindings()

    def action_show_tab(self, tab: str) -> None:
        self.tabs.active = tab
        self._focus_tab(tab)

    def _focus_tab(self, tab: str) -> None:
        table = self.query_one(f"#{tab}").query(DataTable).first()
        self.call_after_refresh(table.focus)

    # -- the client ------------------------------------------------------------------------
    def action_edit_client(self) -> None:
        from crm_tui.screens.client_form import ClientForm

        self.app.push_screen(ClientForm(self.client_id), self._client_saved)

    def _client_saved(self, saved: ClientOut | None) -> None:
        if saved is not None:
            self.reload_client()

    # -- counterparties --------------------------------------------------------------------
    def action_add_counterparty(self) -> None:
        from crm_tui.screens.counterparty_form import CounterpartyForm

        self.app.push_screen(CounterpartyForm(self.client_id), self._counterparty_saved)

    @on(DataTable.RowSelected, "#counterparty-table")
    def _edit_counterparty(self, event: DataTable.RowSelected) -> None:
        from crm_tui.screens.counterparty_form import CounterpartyForm

        cp = self.counterparties.items.get(event.row_key.value or "")
        if cp is not None:
            self.app.push_screen(CounterpartyForm(self.client_id, cp.id),
                                 self._counterparty_saved)

    def _counterparty_saved(self, saved: object) -> None:
        if saved is not None:
            self.reload_counterparties()
            self.call_store(self.store.clients.missing_important_fields, self.client_id,
                            done=self._show_missing, group="missing")

    def action_archive_counterparty(self) -> None:
        cp = self.counterparties.current
        if cp is None:
            return
        title = _("Restore counterparty") if cp.archived else _("Archive counterparty")
        question = plain(_("Restore {name}?", name=cp.name) if cp.archived
                         else _("Archive {name}? It stays in the history and can be "
                                "restored.", name=cp.name))

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_store(self.store.counterparties.set_archived, cp.id, cp.version,
                                not cp.archived, done=self._counterparty_saved,
                                group="archive")

        self.app.push_screen(ConfirmDialog(title, question), answered)

    # -- people ------------------------------------------------------------------------------
    def action_new_contact(self) -> None:
        new_record(self.app, "contact", client_id=self.client_id,
                   on_saved=lambda _c: self._people_changed())

    def action_link_contact(self) -> None:
        from crm_tui.screens.contact_picker import ContactPicker

        name = self.client.name if self.client else ""
        self.app.push_screen(ContactPicker(name), self._link_picked)

    def _link_picked(self, picked: tuple[int, str | None] | None) -> None:
        if picked is None:
            return
        contact_id, position = picked
        link = AffiliationIn(client_id=self.client_id, contact_id=contact_id, position=position)
        self.call_store(self.store.contacts.link, link, done=lambda _a: self._people_changed(),
                        group="link")

    def action_end_link(self) -> None:
        person = self.people.current
        if person is None:
            return
        if not person.current:
            self.notify(_("{name} has already left.", name=person.full_name),
                        severity="warning", markup=False)
            return
        client = self.client.name if self.client else ""
        question = plain(_("{name} left {client}? The link ends today and stays in the "
                           "history.", name=person.full_name, client=client))

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_store(self.store.contacts.end_link, person.affiliation_id,
                                person.affiliation_version,
                                done=lambda _a: self._people_changed(), group="link")

        self.app.push_screen(ConfirmDialog(_("Left the company"), question), answered)

    def _people_changed(self) -> None:
        self.reload_people()
        self.call_store(self.store.clients.missing_important_fields, self.client_id,
                        done=self._show_missing, group="missing")

    @on(PagedTable.Chosen, "#people-table")
    def _open_person(self, event: PagedTable.Chosen) -> None:
        open_record(self.app, "contact", event.item.contact_id)

    # -- deals, tasks, timeline ------------------------------------------------------------
    @on(PagedTable.Chosen, "#deal-table")
    def _open_deal(self, event: PagedTable.Chosen) -> None:
        open_record(self.app, "deal", event.item.id)

    def action_new_deal(self) -> None:
        name = self.client.name if self.client else ""
        new_record(self.app, "deal", client_id=self.client_id, client_name=name,
                   on_saved=lambda _d: self._reload_tabs("deals"))

    def action_new_task(self) -> None:
        new_record(self.app, "task", client_id=self.client_id,
                   on_saved=lambda _t: self.reload_work())

    def action_log_activity(self) -> None:
        new_record(self.app, "activity", client_id=self.client_id,
                   on_saved=lambda _a: self.reload_work())
