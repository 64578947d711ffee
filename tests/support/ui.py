"""Helpers for Pilot and snapshot tests."""

from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot, rounds: int = 4) -> None:
    """Wait until the store workers (and the workers they start) are done and the screen drew."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    # Under load a worker may start only after the rounds above: keep going until none runs.
    for _ in range(50):
        if not any(worker.is_running for worker in pilot.app.workers):
            break
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()


def screen_text(pilot_or_app) -> str:  # type: ignore[no-untyped-def]
    """Everything on the current screen as plain text, for asserting what a user sees."""
    app = getattr(pilot_or_app, "app", pilot_or_app)
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for_text(pilot: Pilot, *texts: str, rounds: int = 100) -> str:
    """Let the app work until every text is on screen (a chain of workers may still be
    refreshing after `settle`); fails with the screen if they never appear."""
    screen = ""
    for _ in range(rounds):
        await settle(pilot, rounds=1)
        screen = screen_text(pilot)
        if all(text in screen for text in texts):
            return screen
    raise AssertionError(f"{texts!r} never appeared on the screen:\n{screen}")
