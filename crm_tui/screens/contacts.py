"""The contact list (F3): every person, paged from the database, with a search box."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input

from crm_tui.app import DataChanged
from crm_tui.i18n import N_, _
from crm_tui.schemas.clients import ContactOut
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.status import show_status
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.paged_table import PagedTable
from crm_tui.widgets.record_text import PRIORITY_NAMES, RELATIONSHIP_NAMES, named, phone
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.text import plain


class ContactListScreen(CrmScreen):
    """People by name; enter opens the contact card, `n` creates a contact."""

    HELP = _(
        "All contacts, by name. Type in the search box to find a person by the start of "
        "their name or e-mail; use / to search phones and everything else."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("contacts.search", "ctrl+f", "focus_search", N_("contact"),
                   N_("Filter the list"), show=True),
        UserAction("contacts.new", "n", "new_contact", N_("contact"), N_("New contact"),
                   show=True),
        UserAction("contacts.refresh", "ctrl+r", "refresh", N_("contact"),
                   N_("Refresh list")),
    ]
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#contact-table"

    def compose(self) -> ComposeResult:
        settings = self.app.settings

        def row(contact: ContactOut) -> list[Text]:
            return [plain(contact.full_name), plain(contact.position),
                    phone(settings, contact.phones[0] if contact.phones else None),
                    plain(contact.emails[0] if contact.emails else None),
                    named(RELATIONSHIP_NAMES, contact.relationship),
                    named(PRIORITY_NAMES, contact.priority)]

        yield StatusBar()
        with Horizontal(classes="filters"):
            yield Input(placeholder=_("Name or e-mail…"), id="contact-search")
        yield PagedTable(
            [("name", _("Full name")), ("position", _("Position")), ("phone", _("Phone")),
             ("email", _("E-mail")), ("relationship", _("Relationship")),
             ("priority", _("Priority"))],
            row, id="contact-table")
        yield KeyFooter()

    @property
    def table(self) -> PagedTable[ContactOut]:
        return self.query_one("#contact-table", PagedTable)

    @property
    def search(self) -> Input:
        return self.query_one("#contact-search", Input)

    def on_mount(self) -> None:
        show_status(self, _("Contacts"))
        self.reload()

    def reload(self) -> None:
        text = self.search.value.strip() or None
        contacts = self.store.contacts
        self.table.load(lambda after: contacts.page(search=text, after=after))

    @on(Input.Changed, "#contact-search")
    def _search_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#contact-search")
    def _search_submitted(self) -> None:
        self.table.focus()

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    def action_focus_search(self) -> None:
        self.search.focus()

    def action_refresh(self) -> None:
        self.reload()

    @on(PagedTable.Chosen, "#contact-table")
    def _chosen(self, event: PagedTable.Chosen) -> None:
        from crm_tui.screens.navigation import open_record

        open_record(self.app, "contact", event.item.id)

    def action_new_contact(self) -> None:
        from crm_tui.screens.navigation import new_record

        new_record(self.app, "contact", on_saved=lambda _contact: self.reload())
