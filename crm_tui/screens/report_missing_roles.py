"""Reports: open deals missing key contact roles, by manager and stage (seed 000).

The table on top counts the deals per manager and stage (the database counts them); Enter
on a cell narrows the list below to that manager and stage. The list is paged, the
longest-waiting deal first; Enter opens the deal, `r` its role panel, `a` the quarterly
role audit.
"""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Label, Select

from crm_tui.app import DataChanged
from crm_tui.formatting import format_date, format_number
from crm_tui.i18n import N_, _
from crm_tui.schemas.roles import MissingRolesCell, MissingRolesRow
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.status import show_status
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.paged_table import PagedTable
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.table import Table
from crm_tui.widgets.text import plain

TOTAL = "total"
NO_OWNER = "none"


class MissingRolesReportScreen(CrmScreen):
    """Deals lacking a key role: counts by manager and stage, then the deals themselves."""

    CSS_PATH = "report_missing_roles.tcss"
    HELP = _(
        "Open deals in which nobody holds one of the key contact roles (marked key in "
        "Settings). The table counts them per manager and stage: Enter on a number shows "
        "those deals below. Enter on a deal opens it; r opens its roles."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("report.open", "enter", "open_deal", N_("report"), N_("Open the deal")),
        UserAction("report.roles", "r", "open_roles", N_("report"), N_("Roles of the deal"),
                   show=True),
        UserAction("report.audit", "a", "open_audit", N_("report"),
                   N_("Quarterly role audit"), show=True),
        UserAction("report.filters", "ctrl+f", "focus_filters", N_("report"),
                   N_("Choose manager and stage")),
        UserAction("report.refresh", "ctrl+r", "refresh", N_("report"), N_("Refresh")),
    ]
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#missing-summary"

    def __init__(self) -> None:
        super().__init__()
        self._owners: dict[int, str] = {}
        self._shown = False
        self._focus_deals = False

    @property
    def pipeline(self) -> str:
        select = self.query_one("#report-pipeline", Select)
        settings = self.app.settings  # type: ignore[attr-defined]
        return settings.pipelines[0].code if select.is_blank() else str(select.value)

    def compose(self) -> ComposeResult:
        settings = self.app.settings  # type: ignore[attr-defined]
        yield StatusBar()
        yield Label(_("Deals missing key roles"), classes="section-title", id="report-title")
        yield Label("", id="report-key-roles", classes="count")
        with Horizontal(classes="filters"):
            pipelines = Select([(p.name, p.code) for p in settings.pipelines],
                               value=settings.pipelines[0].code, allow_blank=False,
                               id="report-pipeline")
            pipelines.display = len(settings.pipelines) > 1
            yield pipelines
            yield Select([], prompt=_("All managers"), id="report-owner")
            yield Select([], prompt=_("All stages"), id="report-stage")
        yield Table(id="missing-summary", cursor_type="cell")
        yield Label("", id="missing-count", classes="count")
        yield PagedTable(
            [("title", _("Deal")), ("client", _("Client")), ("owner", _("Manager")),
             ("stage", _("Stage")), ("missing", _("Missing key roles")),
             ("created", _("Created"))],
            self._row,
            id="missing-deals",
        )
        yield KeyFooter()

    # -- typed accessors -------------------------------------------------------------------
    @property
    def summary(self) -> Table:
        return self.query_one("#missing-summary", Table)

    @property
    def deals(self) -> PagedTable[MissingRolesRow]:
        return self.query_one("#missing-deals", PagedTable)

    def on_mount(self) -> None:
        show_status(self, _("Reports"))
        settings = self.app.settings  # type: ignore[attr-defined]
        key = [settings.role_name(r.code) for r in settings.roles if r.key]
        self.query_one("#report-key-roles", Label).update(
            plain(_("Key roles: {roles}", roles=", ".join(key))) if key else
            Text(_("No role is marked key: mark them in Settings (F8)."))
        )
        self._fill_stages()
        self.call_store(self.store.users.list, done=self._fill_owners, group="owners")
        self.reload()

    def _stage_names(self) -> dict[str, str]:
        settings = self.app.settings  # type: ignore[attr-defined]
        return {s.code: s.name for s in settings.pipeline(self.pipeline).stages if not s.final}

    def _fill_stages(self) -> None:
        self.query_one("#report-stage", Select).set_options(
            [(name, code) for code, name in self._stage_names().items()])

    def _fill_owners(self, users) -> None:  # type: ignore[no-untyped-def]
        self._owners = {u.id: u.display_name for u in users}
        self.query_one("#report-owner", Select).set_options(
            [(u.display_name, u.id) for u in users])

    def _row(self, deal: MissingRolesRow) -> tuple[Text, ...]:
        names = self._stage_names()
        settings = self.app.settings  # type: ignore[attr-defined]
        return (
            plain(deal.title),
            plain(deal.client_name),
            plain(deal.owner_name or _("nobody")),
            plain(names.get(deal.stage, deal.stage)),
            plain(", ".join(settings.role_name(c) for c in deal.missing)),
            plain(format_date(deal.created_at.date())),
        )

    # -- loading ---------------------------------------------------------------------------
    def _value(self, widget_id: str):  # type: ignore[no-untyped-def]
        select = self.query_one(widget_id, Select)
        return None if select.is_blank() else select.value

    def reload(self) -> None:
        self.reload_summary()
        self.reload_deals()

    def reload_summary(self) -> None:
        self.summary.loading = True
        self.call_store(self.store.role_reports.missing_roles_summary, self.pipeline,
                        done=self._show_summary, group="summary")

    def reload_deals(self) -> None:
        reports = self.store.role_reports
        pipeline = self.pipeline
        owner_id = self._value("#report-owner")
        stage = self._value("#report-stage")
        self.deals.load(lambda after: reports.missing_roles_page(
            pipeline, owner_id=owner_id, stage=stage, after=after))
        self.call_store(reports.missing_roles_count, pipeline, owner_id=owner_id, stage=stage,
                        done=self._show_count, group="count")

    def _show_count(self, count: int) -> None:
        self.query_one("#missing-count", Label).update(
            plain(_("Deals missing key roles: {count}", count=format_number(count))))

    def _show_summary(self, cells: list[MissingRolesCell]) -> None:
        table = self.summary
        table.clear(columns=True)
        stages = self._stage_names()
        table.add_column(_("Manager"), key="owner")
        for code, name in stages.items():
            table.add_column(name, key=code)
        table.add_column(_("Total"), key=TOTAL)
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        names: dict[str, str] = {}
        for cell in cells:
            owner = str(cell.owner_id) if cell.owner_id is not None else NO_OWNER
            names[owner] = cell.owner_name or _("nobody")
            counts[owner][cell.stage] += cell.count
            counts[owner][TOTAL] += cell.count
            counts[TOTAL][cell.stage] += cell.count
            counts[TOTAL][TOTAL] += cell.count
        names[TOTAL] = _("Total")
        for owner in [*sorted((o for o in names if o != TOTAL), key=lambda o: names[o]), TOTAL]:
            row = counts[owner]
            style = "bold" if owner == TOTAL else ""
            table.add_row(
                plain(names[owner], style=style),
                *(self._count(row.get(code, 0), style) for code in [*stages, TOTAL]),
                key=owner,
            )
        table.measure_now()
        table.loading = False

    @staticmethod
    def _count(value: int, style: str) -> Text:
        return Text(format_number(value), style=style) if value else Text("·", style="dim")

    @on(Select.Changed, "#report-pipeline")
    def _pipeline_changed(self) -> None:
        self._fill_stages()
        self.reload()

    @on(Select.Changed, "#report-owner")
    @on(Select.Changed, "#report-stage")
    def _filter_changed(self) -> None:
        self.reload_deals()

    @on(DataTable.CellSelected, "#missing-summary")
    def _cell_chosen(self, event: DataTable.CellSelected) -> None:
        """A number in the table: show those deals in the list below."""
        event.stop()
        owner = event.cell_key.row_key.value
        stage = event.cell_key.column_key.value
        owner_select = self.query_one("#report-owner", Select)
        stage_select = self.query_one("#report-stage", Select)
        with self.prevent(Select.Changed):
            if owner in (TOTAL, NO_OWNER) or owner is None:
                owner_select.clear()
            else:
                owner_select.value = int(owner)
            if stage in (TOTAL, "owner") or stage is None:
                stage_select.clear()
            else:
                stage_select.value = stage
        self.reload_deals()
        self._focus_deals = True  # once they are loaded: a loading table takes no focus

    @on(PagedTable.Loaded)
    def _deals_loaded(self, event: PagedTable.Loaded) -> None:
        if event.table is self.deals and event.first and self._focus_deals:
            self._focus_deals = False
            self.deals.focus()

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self._shown:  # back from a deal or its roles: the counts may have changed
            self.reload()
        self._shown = True

    # -- actions -------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action in {"open_deal", "open_roles"} and (
                not self.deals.has_focus or self.deals.current is None):
            return False
        return True

    def action_refresh(self) -> None:
        self.reload()

    def action_focus_filters(self) -> None:
        self.query_one("#report-owner", Select).focus()

    def action_open_deal(self) -> None:
        deal = self.deals.current
        if deal is not None:
            from crm_tui.screens.navigation import open_record

            open_record(self.app, "deal", deal.id)

    @on(PagedTable.Chosen, "#missing-deals")
    def _deal_chosen(self, event: PagedTable.Chosen) -> None:
        from crm_tui.screens.navigation import open_record

        open_record(self.app, "deal", event.item.id)

    def action_open_roles(self) -> None:
        deal = self.deals.current
        if deal is not None:
            from crm_tui.screens.navigation import open_record

            open_record(self.app, "roles", deal.id)

    def action_open_audit(self) -> None:
        from crm_tui.screens.role_audit import RoleAuditScreen

        self.app.push_screen(RoleAuditScreen())
