"""The configured colour theme is the one the first screen is drawn in; a name that is not a
theme falls back to the default and says so."""

from __future__ import annotations

from textual.color import Color

from crm_tui.config import Settings
from crm_tui.themes import DEFAULT_THEME, THEMES
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
