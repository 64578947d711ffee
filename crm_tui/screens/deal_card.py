"""The deal screen: its fields, who takes part in which role, approvals, tasks and history.

Everything the stage rules look at is on one screen, so a manager refused a move sees what
is missing; the same `]` / `[` keys as on the board move the deal from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Label, Static

from crm_tui.app import DataChanged
from crm_tui.formatting import format_datetime, format_days, format_money, format_percent
from crm_tui.i18n import N_, _
from crm_tui.rules.checker import Fix
from crm_tui.schemas.deals import ApprovalOut, DealOut, ParticipantOut, StageChangeOut
from crm_tui.schemas.work import ActivityOut, TaskOut
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.deal_moves import DealMoves, DealRef
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.deal_text import (
    APPROVAL_STATUS_NAMES,
    OUTCOME_NAMES,
    approval_name,
    days_in_stage,
    lost_reason_name,
    role_names,
    stage_name,
)
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.paged_table import PagedTable
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.table import Table as CrmTable
from crm_tui.widgets.text import plain

ACTIVITY_NAMES = {"call": N_("call"), "meeting": N_("meeting"), "email": N_("e-mail"),
                  "note": N_("note"), "stage_change": N_("stage"), "system": N_("system")}


@dataclass(frozen=True)
class DealView:
    """Everything the screen shows but the timeline, read in one worker."""

    deal: DealOut
    participants: list[ParticipantOut]
    approvals: list[ApprovalOut]
    tasks: list[TaskOut]
    history: list[StageChangeOut]
    missing_roles: set[str]


class DealCardScreen(DealMoves, CrmScreen):
    """One deal; escape goes back to where it was opened from."""

    CSS_PATH = "deal_card.tcss"
    HELP = _(
        "One deal: its fields, the contacts taking part with their roles in this deal, "
        "approvals, open tasks, the stage history and the timeline. ] and [ move the deal "
        "as on the board; E edits it, R opens the role panel, A asks for an approval."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("deal.next_stage", "right_square_bracket,shift+right", "move(1)",
                   N_("deal"), N_("Move to the next stage"), show=True, key_display="]"),
        UserAction("deal.previous_stage", "left_square_bracket,shift+left", "move(-1)",
                   N_("deal"), N_("Move to the previous stage"), show=True, key_display="["),
        UserAction("deal.lost", "l", "close_lost", N_("deal"), N_("Close as lost")),
        UserAction("deal.edit", "e", "edit", N_("deal"), N_("Edit the deal"), show=True),
        UserAction("deal.roles", "r", "roles", N_("deal"), N_("Contacts and roles"), show=True),
        UserAction("deal.ask_approval", "a", "ask_approval", N_("deal"),
                   N_("Ask for approval")),
        UserAction("deal.decide", "d", "decide", N_("deal"), N_("Decide on the approval")),
        UserAction("deal.new_task", "t", "new_task", N_("deal"), N_("New task for the deal")),
        UserAction("deal.client", "c", "open_client", N_("deal"), N_("Open the client")),
        UserAction("deal.refresh", "ctrl+r", "refresh", N_("deal"), N_("Refresh")),
    ]
    BINDINGS = [*CrmScreen.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#deal-participants"

    def __init__(self, deal_id: int, *, section: str | None = None) -> None:
        super().__init__()
        self.deal_id = deal_id
        self.section = section
        self.view: DealView | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label("", id="deal-heading")
        with Horizontal(id="deal-body"):
            with VerticalScroll(id="deal-left"):
                yield Label(_("Deal"), classes="section-title")
                yield Static("", id="deal-fields")
                yield Label(_("Contacts and roles"), classes="section-title")
                yield CrmTable(id="deal-participants", cursor_type="row")
                yield Label(_("Approvals"), classes="section-title")
                yield CrmTable(id="deal-approvals", cursor_type="row")
                yield Label(_("Open tasks"), classes="section-title")
                yield CrmTable(id="deal-tasks", cursor_type="row")
            with Vertical(id="deal-right"):
                yield Label(_("Stage history"), classes="section-title")
                yield CrmTable(id="deal-history", cursor_type="row")
                yield Label(_("Timeline"), classes="section-title")
                yield PagedTable([("at", _("When")), ("kind", _("What")), ("who", _("Who")),
                                  ("body", _("Text"))], self._activity_row, id="deal-timeline")
        yield KeyFooter()

    def table(self, name: str) -> CrmTable:
        return self.query_one(f"#deal-{name}", CrmTable)

    @property
    def timeline(self) -> PagedTable[ActivityOut]:
        return self.query_one("#deal-timeline", PagedTable)

    # -- loading ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.query_one(StatusBar).screen_title = _("Deal")
        columns = {
            "participants": (_("Contact"), _("Position"), _("Roles in this deal"), _("Primary")),
            "approvals": (_("Approval"), _("Status"), _("Asked by"), _("Decided by"),
                          _("Reason")),
            "tasks": (_("Due"), _("Task"), _("Assignee")),
            "history": (_("When"), _("Stage"), _("Who")),
        }
        for name, labels in columns.items():
            self.table(name).add_columns(*labels)
        self.reload()

    def reload(self) -> None:
        self.call_store(self._read, done=self._show, group="deal")
        self.timeline.load(lambda after: self.store.activities.timeline(
            "deal", self.deal_id, after=after, limit=100))

    def _read(self) -> DealView:
        store = self.store
        return DealView(
            deal=store.deals.get(self.deal_id),
            participants=store.participants.list("deal", self.deal_id),
            approvals=store.approvals.list(self.deal_id),
            tasks=store.tasks.open_for(deal_id=self.deal_id, limit=50),
            history=store.deals.history(self.deal_id),
            missing_roles=store.deals.missing_roles(self.deal_id),
        )

    def _show(self, view: DealView) -> None:
        self.view = view
        deal, settings = view.deal, self.app.settings
        tz = settings.timezone
        heading = Text()
        heading.append_text(plain(deal.title, style="bold"))
        heading.append("  ·  ")
        heading.append(stage_name(settings, deal.pipeline, deal.stage), style="bold")
        if deal.outcome:
            heading.append("  ")
            heading.append(_(OUTCOME_NAMES[deal.outcome]),
                           style="bold green" if deal.outcome == "won" else "bold red")
            if deal.lost_reason:
                heading.append(f" ({lost_reason_name(settings, deal.lost_reason)})")
        elif view.missing_roles:
            heading.append("  ")
            key = [r.code for r in settings.roles if r.code in view.missing_roles]
            heading.append(_("⚠ no {roles}", roles=role_names(settings, key)),
                           style="bold yellow")
        self.query_one("#deal-heading", Label).update(heading)
        self.query_one("#deal-fields", Static).update(self._fields(deal))

        participants = self.table("participants")
        participants.clear()
        for p in view.participants:
            participants.add_row(plain(p.contact_name), plain(p.position),
                                 plain(role_names(settings, p.roles)),
                                 Text("★" if p.primary else ""), key=str(p.contact_id))
        approvals = self.table("approvals")
        approvals.clear()
        for a in view.approvals:
            approvals.add_row(Text(approval_name(a.kind)), Text(_(APPROVAL_STATUS_NAMES.get(
                a.status, a.status))), plain(a.requested_by), plain(a.decided_by),
                plain(a.reason), key=str(a.id))
        tasks = self.table("tasks")
        tasks.clear()
        for t in view.tasks:
            tasks.add_row(Text(format_datetime(t.due_at, tz)), plain(t.title),
                          plain(t.assignee_name), key=str(t.id))
        history = self.table("history")
        history.clear()
        for h in reversed(view.history):
            moved = stage_name(settings, deal.pipeline, h.to_stage)
            if h.from_stage:
                moved = f"{stage_name(settings, deal.pipeline, h.from_stage)} → {moved}"
            history.add_row(Text(format_datetime(h.at, tz)), Text(moved), plain(h.user_name))
        for table in (participants, approvals, tasks, history):
            table.measure_now()
        self.refresh_bindings()  # "decide" depends on a pending approval
        if self.section in ("approval", "tasks"):
            self.table("approvals" if self.section == "approval" else "tasks").focus()
            self.section = None

    def _fields(self, deal: DealOut) -> Table:
        settings = self.app.settings
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        days = days_in_stage(deal.stage_entered_at, self.store.ctx.now())
        rows = [
            (_("Client"), plain(deal.client_name)),
            (_("Counterparty"), plain(deal.counterparty_name or "—")),
            (_("Amount"), Text(format_money(deal.amount, deal.currency) or "—")),
            (_("Discount"), Text(format_percent(deal.discount) or "—")),
            (_("Expected close date"), Text(deal.expected_close.strftime("%d.%m.%Y")
                                            if deal.expected_close else "—")),
            (_("Owner"), plain(deal.owner_name or "—")),
            (_("Pipeline"), Text(settings.pipeline(deal.pipeline).name
                                 if any(p.code == deal.pipeline for p in settings.pipelines)
                                 else deal.pipeline)),
            (_("In this stage"), Text(format_days(days))),
        ]
        if deal.description:
            rows.append((_("Description"), plain(deal.description)))
        for label, value in rows:
            grid.add_row(Text(label), value)
        return grid

    def _activity_row(self, activity: ActivityOut):  # type: ignore[no-untyped-def]
        kind = ACTIVITY_NAMES.get(activity.kind)
        return (Text(format_datetime(activity.at, self.app.settings.timezone)),
                Text(_(kind) if kind else activity.kind), plain(activity.author_name),
                plain(activity.body.replace("\n", " · ")))

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.view is not None:
            self.reload()  # back from the role panel, a form or a dialog

    # -- actions ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide":
            user = self.store.user
            return bool(user and user.is_head and self._pending() is not None)
        return True

    def _ref(self) -> DealRef | None:
        if self.view is None:
            return None
        deal = self.view.deal
        return DealRef(deal.id, deal.title, deal.pipeline, deal.stage, deal.version)

    def action_move(self, step: int) -> None:
        ref = self._ref()
        if ref is not None:
            self.move_deal(ref, step)

    def action_close_lost(self) -> None:
        ref = self._ref()
        if ref is not None:
            self.close_deal_as_lost(ref)

    def deal_changed(self) -> None:
        self.reload()

    def open_fix(self, deal: DealRef, fix: Fix) -> None:
        if fix.kind in ("approval", "tasks"):
            self.table("approvals" if fix.kind == "approval" else "tasks").focus()
            if fix.kind == "approval" and self._pending() is None:
                self.action_ask_approval()
            return
        super().open_fix(deal, fix)

    def action_edit(self) -> None:
        self.edit_deal(self.deal_id)

    def action_roles(self) -> None:
        from crm_tui.screens.navigation import open_record

        open_record(self.app, "roles", self.deal_id)

    def action_open_client(self) -> None:
        from crm_tui.screens.navigation import open_record

        if self.view is not None:
            open_record(self.app, "client", self.view.deal.client_id)

    def action_new_task(self) -> None:
        from crm_tui.screens.navigation import new_record

        if self.view is not None:
            new_record(self.app, "task", on_saved=lambda _task: self.reload(),
                       deal_id=self.deal_id, client_id=self.view.deal.client_id)

    def action_refresh(self) -> None:
        self.reload()

    @on(DataTable.RowSelected, "#deal-participants")
    def _contact_chosen(self, event: DataTable.RowSelected) -> None:
        from crm_tui.screens.navigation import open_record

        if event.row_key.value:
            open_record(self.app, "contact", int(event.row_key.value))

    @on(DataTable.RowSelected, "#deal-tasks")
    def _task_chosen(self, event: DataTable.RowSelected) -> None:
        from crm_tui.screens.navigation import open_record

        if event.row_key.value:
            open_record(self.app, "task", int(event.row_key.value))

    # -- approvals -------------------------------------------------------------------------
    def _pending(self) -> ApprovalOut | None:
        if self.view is None:
            return None
        pending = [a for a in self.view.approvals if a.status == "pending"]
        table = self.table("approvals")
        if table.row_count and table.has_focus:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            chosen = [a for a in pending if str(a.id) == key]
            if chosen:
                return chosen[0]
        return pending[-1] if pending else None

    def action_ask_approval(self) -> None:
        from crm_tui.screens.approval_dialogs import ApprovalRequest, ApprovalRequestDialog

        if self.view is None:
            return
        title = self.view.deal.title

        def asked(request: ApprovalRequest | None) -> None:
            if request is not None:
                self.call_store(self.store.approvals.request, self.deal_id, request.kind,
                                request.reason, done=lambda _a: self.reload(), group="approval")

        def show(kinds: list[str]) -> None:
            self.app.push_screen(
                ApprovalRequestDialog(title, [(k, approval_name(k)) for k in kinds]), asked)

        self.call_store(self.store.approvals.kinds, self.deal_id, done=show, group="approval")

    def action_decide(self) -> None:
        from crm_tui.screens.approval_dialogs import ApprovalDecision, ApprovalDecisionDialog

        approval = self._pending()
        if approval is None or self.view is None:
            return
        settings = self.app.settings
        reasons = [(reason.code, reason.name) for reason in settings.lost_reasons]

        def decided(decision: ApprovalDecision | None) -> None:
            if decision is None:
                return
            approvals = self.store.approvals
            if decision.approve:
                self.call_store(approvals.approve, approval.id, comment=decision.comment,
                                version=approval.version, done=lambda _a: self.reload(),
                                group="approval")
            else:
                self.call_store(approvals.reject, approval.id, comment=decision.comment or "",
                                version=approval.version, lost_reason=decision.lost_reason,
                                done=lambda _a: self.reload(), on_error=self._decision_failed,
                                group="approval")

        self.app.push_screen(
            ApprovalDecisionDialog(self.view.deal.title, approval_name(approval.kind), reasons),
            decided,
        )

    def _decision_failed(self, exc: Exception) -> None:
        from crm_tui.store.errors import RuleViolations

        if isinstance(exc, RuleViolations):
            self.app.notify(str(exc), title=_("The deal was not closed"), severity="error",
                            markup=False)
        else:
            self.show_store_error(exc)
        self.reload()
