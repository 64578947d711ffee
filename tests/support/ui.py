"""Helpers for Pilot and snapshot tests."""

from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot, rounds: int = 4) -> None:
    """Wait until the store workers (and the workers they start) are done and the screen drew."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(pilot_or_app) -> str:  # type: ignore[no-untyped-def]
    """Everything on the current screen as plain text, for asserting what a user sees."""
    app = getattr(pilot_or_app, "app", pilot_or_app)
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
