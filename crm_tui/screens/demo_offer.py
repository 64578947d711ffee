"""On first start with an empty database, offer to load the demo data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from crm_tui.i18n import _

if TYPE_CHECKING:
    from crm_tui.app import CrmApp


class DemoOffer:
    """Asks once per start, and only while the database has no contacts."""

    def __init__(self, app: CrmApp) -> None:
        self.app = app

    def start(self) -> None:
        self.app.run_worker(self._check, thread=True, group="demo-offer")

    def _check(self) -> None:
        if self.app.store.is_empty() and not self.app.store.ctx.readonly:
            self.app.call_from_thread(self._ask)

    def _ask(self) -> None:
        from crm_tui.screens.confirm import ConfirmDialog

        question = Text(
            _(
                "This database is empty. Load the demo data (Russian B2B clients, contacts, "
                "deals in every stage, tasks) to try the CRM? You can also start from scratch."
            )
        )
        self.app.push_screen(ConfirmDialog(_("Load demo data?"), question), self._answered)

    def _answered(self, yes: bool | None) -> None:
        if yes:
            self.app.notify(_("Loading the demo data…"))
            self.app.run_worker(self._load, thread=True, group="demo-offer")

    def _load(self) -> None:
        from crm_tui.seed import seed_demo

        try:
            seed_demo(self.app.store, self.app.settings, now=self.app.store.ctx.now())
        except Exception as exc:  # reported, never a crash of the running app
            self.app.call_from_thread(
                self.app.notify, _("The demo data could not be loaded: {error}", error=str(exc)),
                severity="error",
            )
            return
        self.app.call_from_thread(self._loaded)

    def _loaded(self) -> None:
        from crm_tui.app import DataChanged

        self.app.notify(_("Demo data loaded."))
        self.app.screen.post_message(DataChanged(self.app.store.change_marker()))
