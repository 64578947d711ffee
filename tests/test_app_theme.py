"""The configured colour theme is the one the first screen is drawn in; a name that is not a
theme falls back to the default and says so."""

from __future__ import annotations

from textual.color import Color

from crm_tui.config import Settings
from crm_tui.themes import DEFAULT_THEME, THEMES
from crm_tui.widgets.status_bar import StatusBar
from tests.support.ui import settle

THEME = {theme.name: theme for theme in THEMES}


async def test_a_light_theme_draws_the_first_screen_light(app_store, make_test_app) -> None:
    app = make_test_app(app_store, settings=Settings(theme="crm-light"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.theme == "crm-light"
        assert app.has_class("-light-mode") and not app.has_class("-dark-mode")
        assert app.screen.styles.background == Color.parse(THEME["crm-light"].background)


async def test_an_unknown_theme_falls_back_to_the_default_and_says_so(
    app_store, make_test_app
) -> None:
    app = make_test_app(app_store, settings=Settings(theme="no-such-theme"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.theme == DEFAULT_THEME
        assert app.screen.styles.background == Color.parse(THEME[DEFAULT_THEME].background)
        assert any("Unknown theme no-such-theme" in str(n.message) for n in app._notifications)


async def test_changing_the_theme_later_restyles_the_screen(app_store, make_test_app) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.theme = "crm-contrast"
        await settle(pilot)
        assert app.screen.styles.background == Color.parse(THEME["crm-contrast"].background)
        assert not app.has_class("-theme-crm-dark")


async def test_a_theme_changed_while_a_screen_was_away_shows_when_it_returns(
    app_store, make_test_app
) -> None:
    # A returning screen is not restyled unless the styles changed meanwhile: they did.
    app = make_test_app(app_store)
    light = Color.parse(THEME["crm-light"].background)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f4")  # the board
        await settle(pilot)
        await pilot.press("p")  # a dialog over it
        await settle(pilot)
        app.theme = "crm-light"
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.styles.background == light
        await pilot.press("f2")  # the client list, away during the change
        await settle(pilot)
        assert app.screen.styles.background == light
        # Its widgets too, not only the screen: the list and the status bar.
        assert app.screen.query_one("#client-table").styles.background == Color.parse(
            THEME["crm-light"].surface)
        assert app.screen.query_one(StatusBar).styles.background == Color.parse(
            THEME["crm-light"].panel)
