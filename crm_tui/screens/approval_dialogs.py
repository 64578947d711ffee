"""Asking for an approval and deciding on one (seed 004: the head of sales approves).

The dialogs collect the answer only; rights and rules are the store's (a manager who opens
the decision dialog through the palette is refused there, with the store's sentence).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from crm_tui.i18n import _
from crm_tui.screens.base import CrmModal
from crm_tui.widgets.text import plain

APPROVE = "approve"
REJECT = "reject"


@dataclass(frozen=True)
class ApprovalRequest:
    kind: str
    reason: str | None


@dataclass(frozen=True)
class ApprovalDecision:
    approve: bool
    comment: str | None
    lost_reason: str | None = None


class ApprovalRequestDialog(CrmModal):
    """Dismisses with an `ApprovalRequest` (kind and the manager's reason), or None."""

    CSS_PATH = "deal_dialogs.tcss"
    HELP = _(
        "Ask the head of sales to approve the deal, e.g. a discount above what a manager may "
        "give. Write why, then choose the approval with Enter."
    )
    AUTO_FOCUS = "#approval-reason"

    def __init__(self, deal_title: str, kinds: list[tuple[str, str]]) -> None:
        super().__init__()
        self.deal_title = deal_title
        self.kinds = kinds

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(_("Ask for approval: «{deal}»", deal=self.deal_title),
                              style="bold"), classes="dialog-title")
            yield Input(placeholder=_("Why is it needed? (optional)"), id="approval-reason")
            yield OptionList(*(Option(Text(label), id=code) for code, label in self.kinds),
                             id="approval-kinds")
            yield Label(_("Enter asks · Escape cancels"), classes="dialog-hint")

    @on(Input.Submitted, "#approval-reason")
    def _reason_done(self) -> None:
        kinds = self.query_one("#approval-kinds", OptionList)
        if kinds.option_count == 1:
            self._ask(kinds.get_option_at_index(0).id or "")
        else:
            kinds.focus()

    @on(OptionList.OptionSelected, "#approval-kinds")
    def _kind_chosen(self, event: OptionList.OptionSelected) -> None:
        self._ask(event.option.id or "")

    def _ask(self, kind: str) -> None:
        reason = self.query_one("#approval-reason", Input).value.strip() or None
        self.dismiss(ApprovalRequest(kind, reason))


class ApprovalDecisionDialog(CrmModal):
    """Dismisses with an `ApprovalDecision`; a rejection needs a comment, and may close the deal."""

    CSS_PATH = "deal_dialogs.tcss"
    HELP = _(
        "Decide on a pending approval. A rejection needs a comment for the manager and can "
        "close the deal as lost with one of the configured reasons."
    )
    AUTO_FOCUS = "#decision-comment"

    def __init__(self, deal_title: str, approval: str, reasons: list[tuple[str, str]]) -> None:
        super().__init__()
        self.deal_title = deal_title
        self.approval = approval
        self.reasons = reasons

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(_("{approval}: «{deal}»", approval=self.approval,
                                deal=self.deal_title), style="bold"), classes="dialog-title")
            yield Input(placeholder=_("Comment for the manager"), id="decision-comment")
            yield Label("", classes="field-error", id="decision-error")
            options: list[Option | None] = [
                Option(Text(_("Approve"), style="bold"), id=APPROVE),
                Option(Text(_("Reject, keep the deal open")), id=REJECT),
                None,
            ]
            options += [
                Option(Text(_("Reject and close the deal as lost: {reason}", reason=name)),
                       id=f"lost:{code}")
                for code, name in self.reasons
            ]
            yield OptionList(*options, id="decision-choices")
            yield Label(_("Enter decides · Escape cancels"), classes="dialog-hint")

    @on(Input.Submitted, "#decision-comment")
    def _comment_done(self) -> None:
        self.query_one("#decision-choices", OptionList).focus()

    @on(OptionList.OptionSelected, "#decision-choices")
    def _decided(self, event: OptionList.OptionSelected) -> None:
        comment = self.query_one("#decision-comment", Input).value.strip() or None
        choice = event.option.id or ""
        if choice == APPROVE:
            self.dismiss(ApprovalDecision(True, comment))
            return
        if comment is None:
            self.query_one("#decision-error", Label).update(
                _("Say why the approval is rejected.")
            )
            self.query_one("#decision-comment", Input).focus()
            return
        lost_reason = choice.removeprefix("lost:") if choice.startswith("lost:") else None
        self.dismiss(ApprovalDecision(False, comment, lost_reason))
