"""The contact card: the person's fields, every client they work or worked for, the deals
and roles they have across deals, their open tasks and their timeline."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, TabbedContent, TabPane

from crm_tui.app import DataChanged
from crm_tui.i18n import N_, _
from crm_tui.schemas.clients import ContactOut
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.navigation import new_record, open_record
from crm_tui.screens.status import show_status
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.card_tables import AffiliationTable, ParticipationTable
from crm_tui.widgets.completeness import Completeness
from crm_tui.widgets.field_grid import FieldGrid
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.record_text import (
    CHANNEL_NAMES,
    CONTACT_MARK_NAMES,
    PRIORITY_NAMES,
    RELATIONSHIP_NAMES,
    named,
    phone,
)
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.tab_underline import place_underline
from crm_tui.widgets.task_table import TaskTable
from crm_tui.widgets.text import plain
from crm_tui.widgets.timeline import Timeline

TABS = ("clients", "deals", "tasks", "timeline")


class ContactCardScreen(CrmScreen):
    """One person and all their links; escape goes back."""

    CSS_PATH = "card.tcss"
    HELP = _(
        "The contact card. Keys 1 to 4 switch between the clients this person works or "
        "worked for, the deals and roles they have, their open tasks and their timeline. "
        "Enter on a client or a deal opens it."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("contact_card.edit", "e", "edit_contact", N_("contact"),
                   N_("Edit contact"), show=True),
        UserAction("contact_card.new_task", "t", "new_task", N_("contact"), N_("New task"),
                   show=True),
        UserAction("contact_card.log", "g", "log_activity", N_("contact"),
                   N_("Log an activity"), show=True),
        *(UserAction(f"contact_card.tab_{tab}", str(n), f"show_tab('{tab}')", N_("contact"),
                     title)
          for n, (tab, title) in enumerate(
              [("clients", N_("Show clients")), ("deals", N_("Show deals and roles")),
               ("tasks", N_("Show open tasks")), ("timeline", N_("Show the timeline"))],
              start=1)),
    ]
    BINDINGS = [*CrmScreen.BINDINGS, *bindings(ACTIONS)]

    def __init__(self, contact_id: int, tab: str | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.contact: ContactOut | None = None
        self.initial_tab = tab if tab in TABS else TABS[0]
        # Focus the table of the tab shown first, once, when the screen is first shown.
        self.AUTO_FOCUS = f"#{self.initial_tab} DataTable"

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        yield StatusBar()
        with Vertical(id="card-head"):
            yield Label("", id="card-title")
            yield FieldGrid(id="card-fields")
            yield Completeness(id="card-missing")
        with TabbedContent(initial=self.initial_tab, id="card-tabs"):
            with TabPane(_("Clients"), id="clients"):
                yield AffiliationTable(id="affiliation-table")
            with TabPane(_("Deals and roles"), id="deals"):
                yield ParticipationTable(settings, id="participation-table")
            with TabPane(_("Open tasks"), id="tasks"):
                yield TaskTable(settings, id="task-table")
            with TabPane(_("Timeline"), id="timeline"):
                yield Timeline(settings, id="timeline-table")
        yield KeyFooter()

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one("#card-tabs", TabbedContent)

    @property
    def affiliations(self) -> AffiliationTable:
        return self.query_one("#affiliation-table", AffiliationTable)

    @property
    def participations(self) -> ParticipationTable:
        return self.query_one("#participation-table", ParticipationTable)

    @property
    def tasks(self) -> TaskTable:
        return self.query_one("#task-table", TaskTable)

    @property
    def timeline(self) -> Timeline:
        return self.query_one("#timeline-table", Timeline)

    # -- loading -------------------------------------------------------------------------
    def on_mount(self) -> None:
        show_status(self, _("Contact card"))
        place_underline(self.tabs)
        self.reload()

    def reload(self) -> None:
        contact_id = self.contact_id
        self.call_store(self.store.contacts.get, contact_id, done=self._show_contact,
                        group="contact")
        self.call_store(self.store.contacts.missing_important_fields, contact_id,
                        done=self.query_one("#card-missing", Completeness).show,
                        group="missing")
        self.call_store(self.store.contacts.affiliations_of_contact, contact_id,
                        done=self.affiliations.show, group="affiliations")
        self.call_store(self.store.people.participations_of, contact_id,
                        done=self.participations.show, group="participations")
        self.reload_work()

    def reload_work(self) -> None:
        store, contact_id = self.store, self.contact_id
        self.call_store(store.tasks.open_for, contact_id=contact_id, done=self.tasks.show,
                        group="tasks")
        self.timeline.load(lambda after: store.activities.timeline("contact", contact_id,
                                                                   after=after))

    def _show_contact(self, contact: ContactOut) -> None:
        self.contact = contact
        settings = self.app.settings
        phones = Text(", ").join(phone(settings, p) for p in contact.phones)
        self.query_one("#card-title", Label).update(plain(contact.full_name, style="bold"))
        self.query_one("#card-fields", FieldGrid).show([
            (_("Position"), plain(contact.position)),
            (_("Relationship"), named(RELATIONSHIP_NAMES, contact.relationship)),
            (_("Phones"), phones),
            (_("E-mails"), plain(", ".join(contact.emails))),
            (_("Priority"), named(PRIORITY_NAMES, contact.priority)),
            (_("Preferred channel"), named(CHANNEL_NAMES, contact.preferred_channel)),
            (_("Segment"), plain(contact.segment)),
            (_("Address"), plain(contact.address)),
            (_("Interests and needs"), plain(contact.interests)),
            (_("Personal notes"), plain(contact.notes)),
            (_("Mark"), named(CONTACT_MARK_NAMES, contact.status)),
        ])

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    # -- tabs and rows --------------------------------------------------------------------------
    def action_show_tab(self, tab: str) -> None:
        self.tabs.active = tab
        table = self.query_one(f"#{tab}").query(DataTable).first()
        self.call_after_refresh(table.focus)

    @on(DataTable.RowSelected, "#affiliation-table")
    def _open_client(self, event: DataTable.RowSelected) -> None:
        link = self.affiliations.items.get(event.row_key.value or "")
        if link is not None:
            open_record(self.app, "client", link.client_id, tab="contacts")

    @on(DataTable.RowSelected, "#participation-table")
    def _open_record(self, event: DataTable.RowSelected) -> None:
        part = self.participations.items.get(event.row_key.value or "")
        if part is not None:
            open_record(self.app, part.kind, part.record_id)

    # -- actions ------------------------------------------------------------------------------
    def action_edit_contact(self) -> None:
        from crm_tui.screens.contact_form import ContactForm

        self.app.push_screen(ContactForm(self.contact_id),
                             lambda saved: self.reload() if saved is not None else None)

    def action_new_task(self) -> None:
        new_record(self.app, "task", contact_id=self.contact_id,
                   on_saved=lambda _t: self.reload_work())

    def action_log_activity(self) -> None:
        new_record(self.app, "activity", contact_id=self.contact_id,
                   on_saved=lambda _a: self.reload_work())
