"""The quarterly role audit (seed 000): roles that no longer match reality, to fix one by one.

Three lists over open deals, contracts and tickets: people in a record who have left its
client; people holding a role with no activity for `stale_contact_days`; deals without a
primary contact who still works for the client. Enter opens the record's role panel, where
the fix happens; `o` opens the record itself, `c` the contact.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Select, TabbedContent, TabPane

from crm_tui.app import DataChanged
from crm_tui.formatting import format_date, format_number
from crm_tui.i18n import N_, _
from crm_tui.schemas.roles import AuditCounts, AuditLine, AuditSection
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.role_support import kind_name, roles_card
from crm_tui.screens.status import show_status
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.paged_table import PagedTable
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.text import plain

SECTIONS: dict[AuditSection, str] = {
    "left_client": N_("Left the client"),
    "stale_contacts": N_("No activity"),
    "no_primary": N_("No primary contact"),
}
REASONS = {
    "no_participants": N_("nobody takes part"),
    "no_primary": N_("nobody is marked primary"),
    "primary_left": N_("the primary contact left the client"),
}


class RoleAuditScreen(CrmScreen):
    """What the quarterly role audit asks to fix, in three paged lists."""

    CSS_PATH = "role_audit.tcss"
    HELP = _(
        "The quarterly role audit of open deals, contracts and tickets. 1, 2 and 3 switch "
        "between its lists; Enter opens the record's roles to fix the line, o the record, "
        "c the contact."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("audit.fix", "enter", "fix", N_("audit"), N_("Fix: open the roles"),
                   show=True),
        UserAction("audit.record", "o", "open_record", N_("audit"), N_("Open the record"),
                   show=True),
        UserAction("audit.contact", "c", "open_contact", N_("audit"),
                   N_("Open the contact"), show=True),
        UserAction("audit.left", "1", "section('left_client')", N_("audit"),
                   N_("People who left the client")),
        UserAction("audit.stale", "2", "section('stale_contacts')", N_("audit"),
                   N_("People in roles without activity")),
        UserAction("audit.primary", "3", "section('no_primary')", N_("audit"),
                   N_("Deals without a primary contact")),
        UserAction("audit.filters", "ctrl+f", "focus_filters", N_("audit"),
                   N_("Choose the manager")),
        UserAction("audit.refresh", "ctrl+r", "refresh", N_("audit"), N_("Refresh")),
    ]
    BINDINGS = bindings(ACTIONS)

    def __init__(self) -> None:
        super().__init__()
        self._shown = False

    def compose(self) -> ComposeResult:
        days = self.app.settings.process.stale_contact_days  # type: ignore[attr-defined]
        yield StatusBar()
        yield Label(_("Quarterly role audit"), classes="section-title", id="audit-title")
        yield Label(_("Open deals, contracts and tickets. No activity means none for {days} "
                      "days.", days=days), classes="count")
        with Horizontal(classes="filters"):
            yield Select([], prompt=_("All managers"), id="audit-owner")
        with TabbedContent(id="audit-tabs"):
            with TabPane(_(SECTIONS["left_client"]), id="tab-left_client"):
                yield PagedTable(
                    [("record", _("Record")), ("client", _("Client")),
                     ("contact", _("Contact")), ("roles", _("Roles")),
                     ("since", _("Left on")), ("owner", _("Manager"))],
                    self._person_row, key_of=lambda line: line.key, id="audit-left_client")
            with TabPane(_(SECTIONS["stale_contacts"]), id="tab-stale_contacts"):
                yield PagedTable(
                    [("record", _("Record")), ("client", _("Client")),
                     ("contact", _("Contact")), ("roles", _("Roles")),
                     ("since", _("Last activity")), ("owner", _("Manager"))],
                    self._person_row, key_of=lambda line: line.key,
                    id="audit-stale_contacts")
            with TabPane(_(SECTIONS["no_primary"]), id="tab-no_primary"):
                yield PagedTable(
                    [("record", _("Deal")), ("client", _("Client")),
                     ("owner", _("Manager")), ("reason", _("Problem"))],
                    self._deal_row, key_of=lambda line: line.key, id="audit-no_primary")
        yield KeyFooter()

    # -- typed accessors -------------------------------------------------------------------
    def table(self, section: AuditSection) -> PagedTable[AuditLine]:
        return self.query_one(f"#audit-{section}", PagedTable)

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one("#audit-tabs", TabbedContent)

    @property
    def section(self) -> AuditSection:
        return (self.tabs.active or "tab-left_client").removeprefix("tab-")  # type: ignore[return-value]

    @property
    def current(self) -> AuditLine | None:
        return self.table(self.section).current

    def on_mount(self) -> None:
        show_status(self, _("Role audit"))
        self.call_store(self.store.users.list, done=self._fill_owners, group="owners")
        self.reload()

    @on(PagedTable.Loaded)
    def _loaded(self, event: PagedTable.Loaded) -> None:
        # A loading table takes no focus: give it to the open section once it has rows.
        if event.first and event.table is self.table(self.section) and \
                not isinstance(self.focused, PagedTable):
            event.table.focus()
        self.refresh_bindings()  # the row keys need a line under the cursor

    def _fill_owners(self, users) -> None:  # type: ignore[no-untyped-def]
        self.query_one("#audit-owner", Select).set_options(
            [(u.display_name, u.id) for u in users])

    # -- rows ----------------------------------------------------------------------------------
    def _record(self, line: AuditLine) -> Text:
        return plain(f"{kind_name(line.kind)} «{line.title}»")

    def _person_row(self, line: AuditLine) -> tuple[Text, ...]:
        settings = self.app.settings  # type: ignore[attr-defined]
        if isinstance(line.since, dt.datetime):
            since = plain(format_date(line.since.date()))
        elif isinstance(line.since, dt.date):
            since = plain(format_date(line.since))
        else:
            since = Text(_("never"), style="dim")
        return (
            self._record(line),
            plain(line.client_name),
            plain(line.contact_name),
            plain(", ".join(settings.role_name(c) for c in line.roles)),
            since,
            plain(line.owner_name or _("nobody")),
        )

    def _deal_row(self, line: AuditLine) -> tuple[Text, ...]:
        reason = REASONS.get(line.reason or "", line.reason or "")
        return (plain(line.title), plain(line.client_name),
                plain(line.owner_name or _("nobody")), plain(_(reason)))

    # -- loading ---------------------------------------------------------------------------
    def _owner(self) -> int | None:
        select = self.query_one("#audit-owner", Select)
        return None if select.is_blank() else select.value  # type: ignore[return-value]

    def reload(self) -> None:
        reports = self.store.role_reports
        owner_id = self._owner()
        for section in SECTIONS:
            self.table(section).load(
                lambda after, s=section: reports.audit_page(s, owner_id=owner_id, after=after))
        self.call_store(reports.audit_counts, owner_id=owner_id, done=self._show_counts,
                        group="counts")

    def _show_counts(self, counts: AuditCounts) -> None:
        for section, title in SECTIONS.items():
            count = getattr(counts, section)
            self.tabs.get_tab(f"tab-{section}").label = plain(
                f"{_(title)} · {format_number(count)}")

    @on(Select.Changed, "#audit-owner")
    def _owner_changed(self) -> None:
        self.reload()

    @on(TabbedContent.TabActivated, "#audit-tabs")
    def _tab_changed(self) -> None:
        self.table(self.section).focus()

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self._shown:  # back from fixing a line: it may be gone now
            self.reload()
        self._shown = True

    # -- actions -------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action in {"fix", "open_record"} and self.current is None:
            return False
        if action == "open_contact" and (self.current is None or
                                         self.current.contact_id is None):
            return False
        return True

    def action_refresh(self) -> None:
        self.reload()

    def action_focus_filters(self) -> None:
        self.query_one("#audit-owner", Select).focus()

    def action_section(self, section: str) -> None:
        self.tabs.active = f"tab-{section}"

    def action_fix(self) -> None:
        line = self.current
        if line is not None:
            self._fix(line)

    @on(PagedTable.Chosen)
    def _chosen(self, event: PagedTable.Chosen) -> None:
        self._fix(event.item)

    def _fix(self, line: AuditLine) -> None:
        from crm_tui.screens.navigation import open_record

        open_record(self.app, roles_card(line.kind), line.record_id)

    def action_open_record(self) -> None:
        line = self.current
        if line is not None:
            from crm_tui.screens.navigation import open_record

            open_record(self.app, line.kind, line.record_id)

    def action_open_contact(self) -> None:
        line = self.current
        if line is not None and line.contact_id is not None:
            from crm_tui.screens.navigation import open_record

            open_record(self.app, "contact", line.contact_id)
