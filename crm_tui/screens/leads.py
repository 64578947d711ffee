"""The lead list (F6): leads by status, best first, with the counts of every status.

Process 2 of seed 004 in one screen: the table is ordered by score, so the most valuable
leads are handled first, and junk (from people known as junk or competitors) sits on its
own tab. `q` qualifies, `c` converts, `r` refuses with a reason, `j` marks junk, `a` assigns
the responsible, `n` takes a new lead, enter opens the lead card.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from crm_tui.app import DataChanged
from crm_tui.i18n import N_, _
from crm_tui.leads.status import STATUS_NAMES, STATUSES
from crm_tui.schemas.leads import LeadCreated, LeadOut
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.lead_actions import LEAD_ACTIONS, LeadActions
from crm_tui.screens.lead_text import duplicates_summary, lead_row
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.count_tabs import CountTabs
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.paged_table import PagedTable
from crm_tui.widgets.status_bar import StatusBar

ALL = "all"
NOBODY = "nobody"
TABS = [*STATUSES, ALL]
TAB_TITLES = {**STATUS_NAMES, ALL: N_("All")}


def _tab_action(position: int, tab: str) -> UserAction:
    return UserAction(f"leads.tab_{tab}", str(position), f"show_status('{tab}')", N_("lead"),
                      TAB_TITLES[tab])


class LeadListScreen(LeadActions, CrmScreen):
    """Leads by status tab, paged from the database in score order."""

    CSS_PATH = "leads.tcss"
    HELP = _(
        "Leads, the most valuable first. The digits 1–6 switch between the status tabs; each "
        "tab shows how many leads it holds. A lead from a person already marked junk or "
        "competitor lands on the Junk tab by itself. Leads nobody has taken yet show "
        "\u201cnobody\u201d as the responsible: the head of sales assigns them with A."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("leads.new", "n", "new_lead", N_("lead"), N_("New lead"), show=True),
        UserAction("leads.open", "enter", "open_selected", N_("lead"), N_("Open card")),
        *LEAD_ACTIONS,
        UserAction("leads.search", "ctrl+f", "focus_search", N_("lead"), N_("Filter the list")),
        UserAction("leads.refresh", "ctrl+r", "refresh", N_("lead"), N_("Refresh list")),
        *(_tab_action(i, tab) for i, tab in enumerate(TABS, start=1)),
    ]
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#lead-table"

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield CountTabs([(tab, _(TAB_TITLES[tab]), str(i)) for i, tab in enumerate(TABS, 1)],
                        "new", id="lead-tabs")
        with Horizontal(classes="filters"):
            yield Input(placeholder=_("Name, phone or e-mail…"), id="lead-search")
            yield Select([], prompt=_("Responsible"), id="lead-owner-filter", allow_blank=True)
        yield PagedTable(
            [("score", _("Score")), ("name", _("Full name")), ("company", _("Company")),
             ("source", _("Source")), ("phone", _("Phone")), ("email", _("E-mail")),
             ("owner", _("Responsible")), ("status", _("Status"))],
            lambda lead: lead_row(self.store.settings, lead),
            id="lead-table",
        )
        yield KeyFooter()

    # -- typed accessors ---------------------------------------------------------------------
    @property
    def table(self) -> PagedTable[LeadOut]:
        return self.query_one("#lead-table", PagedTable)

    @property
    def tabs(self) -> CountTabs:
        return self.query_one("#lead-tabs", CountTabs)

    @property
    def search(self) -> Input:
        return self.query_one("#lead-search", Input)

    @property
    def owner_filter(self) -> Select:
        return self.query_one("#lead-owner-filter", Select)

    def on_mount(self) -> None:
        self.query_one(StatusBar).screen_title = _("Leads")
        self.call_store(self.store.users.list, done=self._fill_owners, group="owners")

    def _fill_owners(self, users) -> None:  # type: ignore[no-untyped-def]
        self.owner_filter.set_options([(_("— nobody —"), NOBODY),
                                       *((u.display_name, u.id) for u in users)])
        self.reload()

    # -- loading ----------------------------------------------------------------------------
    def _filters(self) -> dict:
        owner = self.owner_filter
        value = None if owner.is_blank() else owner.value
        return {
            "search": self.search.value.strip() or None,
            "owner_id": value if value != NOBODY else None,
            "unassigned": value == NOBODY,
        }

    def reload(self) -> None:
        filters = self._filters()
        tab = self.tabs.active
        status = None if tab == ALL else tab
        leads = self.store.leads
        self.table.load(lambda after: leads.page(status=status, after=after, **filters))
        self.call_store(leads.counts, done=self._show_counts, group="counts", **filters)

    def _show_counts(self, counts: dict[str, int]) -> None:
        self.tabs.counts = {**counts, ALL: sum(counts.values())}

    @on(CountTabs.Changed, "#lead-tabs")
    def _tab_changed(self) -> None:
        self.reload()

    @on(Select.Changed, "#lead-owner-filter")
    def _owner_changed(self) -> None:
        self.reload()

    @on(Input.Changed, "#lead-search")
    def _search_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#lead-search")
    def _search_submitted(self) -> None:
        self.table.focus()

    @on(PagedTable.Loaded)
    def _loaded(self) -> None:
        self.refresh_bindings()  # a lead to act on may have appeared or gone

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    # -- LeadActions --------------------------------------------------------------------------
    def selected_lead(self) -> LeadOut | None:
        if not self.is_mounted:
            return None
        return self.table.current

    def lead_changed(self, lead: LeadOut | None) -> None:
        self.reload()

    # -- actions -----------------------------------------------------------------------------
    def action_show_status(self, tab: str) -> None:
        self.tabs.activate(tab)

    def action_focus_search(self) -> None:
        self.search.focus()

    def action_refresh(self) -> None:
        self.reload()

    def action_open_selected(self) -> None:
        lead = self.table.current
        if lead is not None:
            self.open_lead(lead.id)

    @on(PagedTable.Chosen, "#lead-table")
    def _chosen(self, event: PagedTable.Chosen) -> None:
        self.open_lead(event.item.id)

    def open_lead(self, lead_id: int) -> None:
        from crm_tui.screens.navigation import open_record

        open_record(self.app, "lead", lead_id)

    def action_new_lead(self) -> None:
        from crm_tui.screens.navigation import new_record

        new_record(self.app, "lead", on_saved=self._created)

    def _created(self, created: LeadCreated) -> None:
        lead = created.lead
        self.notify(_("Lead {name} saved with score {score}.", name=lead.name,
                      score=lead.score), markup=False)
        if lead.status == "junk":
            self.notify(_("{name} is known as junk or a competitor: the lead went to Junk.",
                          name=lead.name), severity="warning", markup=False)
        if created.duplicates:
            self.notify(duplicates_summary(created.duplicates), title=_("Possible duplicates"),
                        severity="warning", timeout=10, markup=False)
        if created.assignment_note:
            self.notify(created.assignment_note, title=_("Nobody assigned"), markup=False)
        self.reload()
