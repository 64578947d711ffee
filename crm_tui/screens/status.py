"""Set the title of a screen's status bar (the bar fills in user, role and database itself)."""

from __future__ import annotations

from textual.screen import Screen

from crm_tui.widgets.status_bar import StatusBar


def show_status(screen: Screen, title: str) -> None:
    """Cards and lists share one status line; only the title tells them apart."""
    screen.query_one(StatusBar).screen_title = title
