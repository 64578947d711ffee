"""Fill a screen's status bar with who is signed in, where, and the screen's own title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from crm_tui.screens.base import CrmScreen


def show_status(screen: CrmScreen, title: str) -> None:
    """Cards and lists share one status line; only the title tells them apart."""
    bar = screen.query_one(StatusBar)
    user = screen.store.user
    bar.user_name = user.display_name if user else ""
    bar.role = user.role if user else ""
    bar.readonly = screen.store.ctx.readonly
    bar.database = screen.store.display_name
    bar.screen_title = title
