"""The card of a contract or a ticket: its facts and who takes part in it with which roles.

`e` edits it, `r` opens the role panel (where people and roles are changed), `c` the
client's card; a contract also opens its deal with `d`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Label

from crm_tui.app import DataChanged
from crm_tui.formatting import format_date
from crm_tui.i18n import N_, _
from crm_tui.schemas.contracts import CONTRACT_STATUSES, TICKET_STATUSES
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.role_support import role_text, roles_card, warning_style
from crm_tui.screens.status import show_status
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.field_grid import FieldGrid
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.table import Table
from crm_tui.widgets.text import plain


class _ClientRecordCard(CrmScreen):
    """What the contract and ticket cards share; takes the record's id."""

    CSS_PATH = "contract_card.tcss"
    KIND: ClassVar[str] = ""
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("record_card.edit", "e", "edit", N_("record"), N_("Edit"), show=True),
        UserAction("record_card.roles", "r", "roles", N_("record"), N_("People and roles"),
                   show=True),
        UserAction("record_card.client", "c", "open_client", N_("record"),
                   N_("Open the client"), show=True),
        UserAction("record_card.refresh", "ctrl+r", "refresh", N_("record"), N_("Refresh")),
    ]
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#card-people"

    def __init__(self, record_id: int) -> None:
        super().__init__()
        self.record_id = record_id
        self.record: Any = None
        self._shown = False

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label("", id="card-title", classes="section-title")
        yield FieldGrid(id="card-fields")
        yield Label(_("People and roles"), classes="section-title", id="card-people-title")
        yield Table(id="card-people", cursor_type="row", zebra_stripes=True)
        yield Label(_("Nobody takes part yet. Press r to add people and their roles."),
                    id="card-people-empty")
        yield KeyFooter()

    @property
    def people_table(self) -> Table:
        return self.query_one("#card-people", Table)

    def repository(self) -> Any:
        raise NotImplementedError

    def facts(self, record: Any) -> list[tuple[str, Text]]:
        raise NotImplementedError

    def title_of(self, record: Any) -> str:
        raise NotImplementedError

    def on_mount(self) -> None:
        show_status(self, self.title_of(None))
        table = self.people_table
        table.add_column(_("Primary"), key="primary")
        table.add_column(_("Contact"), key="contact")
        table.add_column(_("Position"), key="position")
        table.add_column(_("Roles"), key="roles")
        table.add_column(_("Note"), key="note")
        self.reload()

    def reload(self) -> None:
        self.call_store(self._read, done=self._show, group="card")

    def _read(self) -> tuple[Any, ...]:
        store = self.store
        return (self.repository().get(self.record_id),
                store.participants.list(self.KIND, self.record_id),
                store.participants.catalogue(include_inactive=True))

    def _show(self, data: tuple[Any, ...]) -> None:
        record, people, catalogue = data
        self.record = record
        self.query_one("#card-title", Label).update(plain(self.title_of(record)))
        self.query_one("#card-fields", FieldGrid).show(self.facts(record))
        roles = {r.code: r for r in catalogue}
        warn = warning_style(self)
        table = self.people_table
        table.clear()
        for p in people:
            note = Text("")
            if p.left_client:
                note = Text("⚠ " + _("left the client"), style=warn)
            elif not p.current_at_client:
                note = Text("⚠ " + _("does not work for the client"), style=warn)
            table.add_row(Text("★", style="bold") if p.primary else Text(""),
                          plain(p.contact_name), plain(p.position),
                          role_text(p.roles, roles, self.store.settings), note, key=str(p.id))
        table.measure_now()
        self.query_one("#card-people-empty", Label).display = not people
        self.refresh_bindings()  # edit, roles and the links need the record

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self._shown:  # back from the role panel or the form
            self.reload()
        self._shown = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"edit", "roles", "open_client", "open_deal"} and self.record is None:
            return False
        if action == "edit" and self.store.ctx.readonly:
            return False
        return True

    # -- actions -------------------------------------------------------------------------------
    def action_refresh(self) -> None:
        self.reload()

    def action_edit(self) -> None:
        if self.record is None:
            return
        from crm_tui.screens.contract_form import ContractForm, TicketForm

        form = ContractForm if self.KIND == "contract" else TicketForm
        self.app.push_screen(form(record=self.record),
                             lambda saved: self.reload() if saved else None)

    def action_roles(self) -> None:
        from crm_tui.screens.navigation import open_record

        open_record(self.app, roles_card(self.KIND), self.record_id)

    def action_open_client(self) -> None:
        if self.record is not None:
            from crm_tui.screens.navigation import open_record

            open_record(self.app, "client", self.record.client_id)


def _day(value: Any) -> Text:
    return plain(format_date(value)) if value else Text("—", style="dim")


class ContractCardScreen(_ClientRecordCard):
    """A contract (`open_record(app, "contract", id)`)."""

    KIND = "contract"
    HELP = _(
        "A contract of a client and the people who take part in it, with their roles "
        "(who approves it, who pays). r changes the people and roles."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        *_ClientRecordCard.ACTIONS,
        UserAction("record_card.deal", "d", "open_deal", N_("record"), N_("Open the deal")),
    ]
    BINDINGS = bindings(ACTIONS)

    def repository(self) -> Any:
        return self.store.contracts

    def title_of(self, record: Any) -> str:
        if record is None:
            return _("Contract")
        return _("Contract «{number}»", number=record.number)

    def facts(self, record: Any) -> list[tuple[str, Text]]:
        status = CONTRACT_STATUSES.get(record.status, record.status)
        return [
            (_("Client"), plain(record.client_name)),
            (_("Status"), plain(_(status))),
            (_("Counterparty"), plain(record.counterparty_name or "—")),
            (_("Deal"), plain(record.deal_title or "—")),
            (_("Signed on"), _day(record.signed_on)),
            (_("Valid until"), _day(record.valid_until)),
        ]

    def action_open_deal(self) -> None:
        if self.record is not None and self.record.deal_id is not None:
            from crm_tui.screens.navigation import open_record

            open_record(self.app, "deal", self.record.deal_id)


class TicketCardScreen(_ClientRecordCard):
    """A ticket (`open_record(app, "ticket", id)`)."""

    KIND = "ticket"
    HELP = _(
        "A ticket (a client's request or complaint) and the people involved, with their "
        "roles. r changes the people and roles."
    )

    def repository(self) -> Any:
        return self.store.tickets

    def title_of(self, record: Any) -> str:
        if record is None:
            return _("Ticket")
        return _("Ticket «{subject}»", subject=record.subject)

    def facts(self, record: Any) -> list[tuple[str, Text]]:
        status = TICKET_STATUSES.get(record.status, record.status)
        return [
            (_("Client"), plain(record.client_name)),
            (_("Status"), plain(_(status))),
            (_("Counterparty"), plain(record.counterparty_name or "—")),
            (_("Opened on"), _day(record.opened_on)),
            (_("Closed on"), _day(record.closed_on)),
        ]
