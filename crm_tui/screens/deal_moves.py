"""Moving a deal from a screen: ask the outcome when closing, call the store, explain a refusal.

Shared by the board and the deal screen so both keys behave alike. The store's checker is the
only judge: the screen proposes a move, and a `RuleViolations` refusal is shown as the list
of failed rules, each leading to the place that fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crm_tui.i18n import _
from crm_tui.rules.checker import Fix
from crm_tui.schemas.deals import DealOut, MoveRequest
from crm_tui.store.errors import ConflictError, RuleViolations
from crm_tui.widgets.deal_text import stage_name


@dataclass(frozen=True)
class DealRef:
    """What a screen knows of the deal it moves; `version` guards against stale views."""

    id: int
    title: str
    pipeline: str
    stage: str
    version: int | None = None


class DealMoves:
    """Mixin for `CrmScreen`s that move deals (`]`/`[`, closing as lost)."""

    app: Any

    def move_deal(self, deal: DealRef, step: int) -> None:
        """Propose the next (`step` = 1) or previous (-1) stage of the deal's pipeline."""
        try:
            pipeline = self.app.settings.pipeline(deal.pipeline)
        except KeyError:
            self.app.notify(_("Unknown pipeline {code}.", code=deal.pipeline), severity="error")
            return
        if not pipeline.has_stage(deal.stage):
            target = pipeline.stages[0] if step < 0 else None
        elif step > 0:
            target = pipeline.next_stage(deal.stage)
        else:
            target = pipeline.previous_stage(deal.stage)
        if target is None:
            self.app.notify(_("The deal is already at the last stage.") if step > 0
                            else _("The deal is already at the first stage."),
                            severity="warning")
            return
        if target.final and step > 0:
            self._ask_outcome(deal, target.code, lost_only=False)
            return
        self._request_move(deal, MoveRequest(target_stage=target.code))

    def close_deal_as_lost(self, deal: DealRef) -> None:
        """A deal can fall through at any stage: ask the reason and close it."""
        try:
            final = self.app.settings.pipeline(deal.pipeline).final_stage
        except KeyError:
            self.app.notify(_("Unknown pipeline {code}.", code=deal.pipeline), severity="error")
            return
        self._ask_outcome(deal, final.code, lost_only=True)

    def _ask_outcome(self, deal: DealRef, final: str, *, lost_only: bool) -> None:
        from crm_tui.screens.outcome import OutcomeAnswer, OutcomeDialog

        settings = self.app.settings
        reasons = [(reason.code, reason.name) for reason in settings.lost_reasons]

        def answered(answer: OutcomeAnswer | None) -> None:
            if answer is not None:
                self._request_move(
                    deal,
                    MoveRequest(target_stage=final, outcome=answer.outcome,  # type: ignore[arg-type]
                                lost_reason=answer.lost_reason, note=answer.note),
                )

        self.app.push_screen(
            OutcomeDialog(deal.title, stage_name(settings, deal.pipeline, final), reasons,
                          lost_only=lost_only),
            answered,
        )

    def _request_move(self, deal: DealRef, request: MoveRequest) -> None:
        self.call_store(  # type: ignore[attr-defined]
            self.store.deals.move, deal.id, request, version=deal.version,  # type: ignore[attr-defined]
            done=self.deal_moved,
            on_error=lambda exc: self._move_failed(deal, request, exc),
            group="move",
        )

    def _move_failed(self, deal: DealRef, request: MoveRequest, exc: Exception) -> None:
        if isinstance(exc, RuleViolations):
            from crm_tui.screens.refusal import RefusalDialog

            settings = self.app.settings

            def chosen(fix: Fix | None) -> None:
                if fix is not None:
                    self.open_fix(deal, fix)

            self.app.push_screen(
                RefusalDialog(deal.title, stage_name(settings, deal.pipeline,
                                                     request.target_stage),
                              exc.violations, settings.role_name),
                chosen,
            )
            return
        if isinstance(exc, ConflictError):
            self.app.notify(str(exc), title=_("The deal was not moved"), severity="warning",
                            timeout=8)
            self.deal_changed()
            return
        self.show_store_error(exc)  # type: ignore[attr-defined]

    # -- what the screen does next -----------------------------------------------------------
    def deal_moved(self, moved: DealOut) -> None:
        """The store accepted the move; the screen shows the deal in its new stage."""
        self.app.notify(
            _("«{deal}» moved to «{stage}»", deal=moved.title,
              stage=stage_name(self.app.settings, moved.pipeline, moved.stage)),
            markup=False,
        )
        self.deal_changed()

    def deal_changed(self) -> None:
        """Reload what the screen shows of deals (the screens override this)."""

    def open_fix(self, deal: DealRef, fix: Fix) -> None:
        """Go where the violation is fixed: the deal form, the role panel or the deal screen."""
        from crm_tui.screens.navigation import open_record

        if fix.kind == "field":
            self.edit_deal(deal.id, focus=fix.target)
        elif fix.kind == "roles":
            open_record(self.app, "roles", deal.id)
        elif fix.kind in ("approval", "tasks"):
            open_record(self.app, "deal", deal.id, section=fix.kind)

    def edit_deal(self, deal_id: int, *, focus: str | None = None) -> None:
        from crm_tui.screens.deal_form import DealFormScreen

        def saved(result: DealOut | None) -> None:
            if result is not None:
                self.deal_changed()

        self.app.push_screen(DealFormScreen(deal_id=deal_id, focus=focus), saved)
