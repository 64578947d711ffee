"""The role panel: who takes part in a deal, contract or ticket, and what part each plays.

Seed 000: a contact's role is set per record, not per person, and exactly one of them is
the primary contact. Everything here is a key away: `a` adds a person (the client's
people first), `r` or Enter ticks their roles, `p` makes them primary, `x` takes one role
away, Delete takes the person out. A person who no longer works for the client is marked,
so the panel also shows what the quarterly audit will ask to fix.

Open it with `open_record(app, "roles", deal_id)`; for a contract or a ticket use the kinds
"roles:contract" / "roles:ticket" (`role_support.roles_card(kind)` names the right one).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from crm_tui.app import DataChanged
from crm_tui.i18n import N_, _
from crm_tui.schemas.deals import ParticipantOut
from crm_tui.schemas.roles import RecordRef, RoleOut
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.role_dialogs import ChoiceDialog, ContactPickerDialog, RolesDialog
from crm_tui.screens.role_support import kind_name, role_text, warning_style
from crm_tui.screens.status import show_status
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.contact_picker import PickedContact
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.table import Table
from crm_tui.widgets.text import plain

ROW_ACTIONS = {"edit_roles", "mark_primary", "remove_role", "remove_participant",
               "open_contact"}
EDITS = {"add_participant", "edit_roles", "mark_primary", "remove_role", "remove_participant"}


class RolePanelScreen(CrmScreen):
    """Participants of one record with their roles; takes the record id (and its kind)."""

    CSS_PATH = "role_panel.tcss"
    KIND: ClassVar[str] = "deal"
    HELP = _(
        "The people taking part in this record and the roles they play in it. A role "
        "belongs to this record only: the same person may decide one deal and be absent "
        "from another. Exactly one participant is the primary contact (★). A warning "
        "marks people who no longer work for the client."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("roles.add", "a", "add_participant", N_("roles"), N_("Add person"),
                   show=True),
        UserAction("roles.edit", "r", "edit_roles", N_("roles"), N_("Roles"),
                   show=True),
        UserAction("roles.primary", "p", "mark_primary", N_("roles"),
                   N_("Make primary"), show=True),
        UserAction("roles.remove_role", "x", "remove_role", N_("roles"), N_("Drop a role"),
                   show=True),
        UserAction("roles.remove", "delete", "remove_participant", N_("roles"),
                   N_("Remove person"), show=True),
        UserAction("roles.contact", "o", "open_contact", N_("roles"),
                   N_("Open the contact's card")),
        UserAction("roles.refresh", "ctrl+r", "refresh", N_("roles"), N_("Refresh")),
    ]
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#participants"

    def __init__(self, record_id: int, kind: str | None = None) -> None:
        super().__init__()
        self.record_id = record_id
        self.kind = kind or self.KIND
        self.record: RecordRef | None = None
        self.people: list[ParticipantOut] = []
        self.catalogue: dict[str, RoleOut] = {}
        self.missing: list[str] = []
        self._keep_on: int | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label("", id="record-title", classes="section-title")
        yield Label("", id="record-facts", classes="count")
        yield Label("", id="missing-roles")
        yield Table(id="participants", cursor_type="row", zebra_stripes=True)
        yield Label(_("Nobody takes part yet. Press a to add a contact."),
                    id="participants-empty")
        yield KeyFooter()

    # -- typed accessors -------------------------------------------------------------------
    @property
    def table(self) -> Table:
        return self.query_one("#participants", Table)

    @property
    def current(self) -> ParticipantOut | None:
        if not self.people or self.table.row_count == 0:
            return None
        key = self.table.coordinate_to_cell_key(self.table.cursor_coordinate).row_key.value
        return next((p for p in self.people if str(p.id) == key), None)

    def on_mount(self) -> None:
        show_status(self, _("Roles"))
        table = self.table
        table.add_column(_("Primary"), key="primary")
        table.add_column(_("Contact"), key="contact")
        table.add_column(_("Position"), key="position")
        table.add_column(_("Roles in this record"), key="roles")
        table.add_column(_("Note"), key="note")
        table.loading = True
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.call_store(self._read, done=self._show, group="panel")

    def _read(self) -> tuple[Any, ...]:
        """Everything the panel shows, read in the worker thread."""
        store = self.store
        record = store.participants.record(self.kind, self.record_id)
        catalogue = store.participants.catalogue(include_inactive=True)
        people = store.participants.list(self.kind, self.record_id)
        missing = sorted(store.deals.missing_roles(self.record_id)) if self.kind == "deal" else []
        return record, catalogue, people, missing

    def _show(self, data: tuple[Any, ...]) -> None:
        record, catalogue, people, missing = data
        self.record = record
        self.catalogue = {r.code: r for r in catalogue}
        self.people = people
        self.missing = missing
        title = self.query_one("#record-title", Label)
        title.update(plain(_("{kind} «{title}»: who takes part", kind=kind_name(self.kind),
                             title=record.title)))
        facts = self.query_one("#record-facts", Label)
        facts.update(plain(f"{record.client_name} · {record.status_name}"))
        self._show_missing()
        self._fill_table()

    def _show_missing(self) -> None:
        label = self.query_one("#missing-roles", Label)
        label.display = self.kind == "deal"
        if not self.missing:
            label.update(Text(_("Every key role is taken.")))
            label.remove_class("-missing")
            return
        names = ", ".join(self.catalogue[c].name if c in self.catalogue else c
                          for c in self.missing)
        label.update(plain(_("Key roles nobody holds yet: {roles}", roles=names)))
        label.add_class("-missing")

    def _fill_table(self) -> None:
        table = self.table
        keep = self._keep_on if self._keep_on is not None else (
            self.current.id if self.current else None)
        table.clear()
        warn = warning_style(self)
        for p in self.people:
            note = Text("")
            if p.left_client:
                note = Text("⚠ " + _("left the client"), style=warn)
            elif not p.current_at_client:
                note = Text("⚠ " + _("does not work for the client"), style=warn)
            table.add_row(
                Text("★", style="bold") if p.primary else Text(""),
                plain(p.contact_name),
                plain(p.position),
                role_text(p.roles, self.catalogue, self.store.settings),
                note,
                key=str(p.id),
            )
        table.measure_now()
        table.loading = False
        self.query_one("#participants-empty", Label).display = not self.people
        self._keep_on = None
        if keep is not None:
            index = next((i for i, p in enumerate(self.people) if p.id == keep), None)
            if index is not None:
                table.move_cursor(row=index)
        self.refresh_bindings()  # the row keys (roles, primary, remove) need a row

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.record is not None:
            self.reload()

    # -- rights ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action in EDITS and self.store.ctx.readonly:
            return False
        if action in ROW_ACTIONS and self.current is None:
            return False
        return True

    def _after_change(self, people: list[ParticipantOut] | ParticipantOut) -> None:
        self.reload()

    def _refused(self, exc: Exception) -> None:
        self.show_store_error(exc)
        self.reload()  # someone else may have changed the record meanwhile: show it

    # -- actions -------------------------------------------------------------------------------
    def action_refresh(self) -> None:
        self.reload()

    def action_add_participant(self) -> None:
        if self.record is None:
            return
        self.app.push_screen(
            ContactPickerDialog(
                _("Who takes part in «{title}»?", title=self.record.title),
                self.record.client_id, self.record.client_name,
                taken={p.contact_id for p in self.people},
            ),
            self._contact_picked,
        )

    def _contact_picked(self, contact: PickedContact | None) -> None:
        if contact is None or self.record is None:
            return
        primary_note = "" if self.people else " " + _("(becomes the primary contact)")

        def roles_chosen(codes: tuple[str, ...] | None) -> None:
            if codes is None:
                return
            self.call_store(self.store.participants.add, self.kind, self.record_id,
                            contact.id, list(codes), done=self._added(contact.id),
                            on_error=self._refused, group="save")

        self.app.push_screen(
            RolesDialog(_("Roles of {name} in «{title}»", name=contact.name,
                          title=self.record.title) + primary_note,
                        list(self.catalogue.values())),
            roles_chosen,
        )

    def _added(self, contact_id: int):  # type: ignore[no-untyped-def]
        def done(people: list[ParticipantOut]) -> None:
            added = next((p for p in people if p.contact_id == contact_id), None)
            self._keep_on = added.id if added else None
            self.reload()

        return done

    def action_edit_roles(self) -> None:
        person = self.current
        if person is None or self.record is None:
            return

        def chosen(codes: tuple[str, ...] | None) -> None:
            if codes is None:
                return
            self.call_store(self.store.participants.set_roles, person.id, list(codes),
                            person.version, done=self._after_change, on_error=self._refused,
                            group="save")

        self.app.push_screen(
            RolesDialog(_("Roles of {name} in «{title}»", name=person.contact_name,
                          title=self.record.title),
                        list(self.catalogue.values()), person.roles),
            chosen,
        )

    @on(DataTable.RowSelected, "#participants")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if not self.store.ctx.readonly:
            self.action_edit_roles()

    def action_mark_primary(self) -> None:
        person = self.current
        if person is None:
            return
        if person.primary:
            self.notify(_("{name} is the primary contact already.", name=person.contact_name))
            return
        self._keep_on = person.id
        self.call_store(self.store.participants.set_primary, person.id,
                        done=self._after_change, on_error=self._refused, group="save")

    def action_remove_role(self) -> None:
        person = self.current
        if person is None:
            return
        if not person.roles:
            self.notify(_("{name} has no role here.", name=person.contact_name))
            return

        def chosen(code: str | None) -> None:
            if code is None:
                return
            self.call_store(self.store.participants.remove_role, person.id, code,
                            person.version, done=self._after_change, on_error=self._refused,
                            group="save")

        answers = [(code, self.catalogue[code].name if code in self.catalogue else code)
                   for code in person.roles]
        self.app.push_screen(
            ChoiceDialog(_("Which role does {name} no longer play?", name=person.contact_name),
                         answers),
            chosen,
        )

    def action_remove_participant(self) -> None:
        person = self.current
        if person is None or self.record is None:
            return

        def chosen(answer: str | None) -> None:
            if answer == "remove":
                self.call_store(self.store.participants.remove, person.id,
                                done=self._after_change, on_error=self._refused,
                                group="save")

        detail = (_("The primary flag passes to the next participant.")
                  if person.primary and len(self.people) > 1 else "")
        self.app.push_screen(
            ChoiceDialog(
                _("Remove {name} from «{title}»?", name=person.contact_name,
                  title=self.record.title),
                [("remove", _("Remove, with the roles in this record")),
                 ("keep", _("Keep"))],
                detail,
            ),
            chosen,
        )

    def action_open_contact(self) -> None:
        person = self.current
        if person is not None:
            from crm_tui.screens.navigation import open_record

            open_record(self.app, "contact", person.contact_id)


class ContractRolePanel(RolePanelScreen):
    """The role panel of a contract (`open_record(app, "roles:contract", id)`)."""

    KIND = "contract"


class TicketRolePanel(RolePanelScreen):
    """The role panel of a ticket (`open_record(app, "roles:ticket", id)`)."""

    KIND = "ticket"
