"""The one-widget footer: the keys a user can press now, clickable, redrawn when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Label

from crm_tui.i18n import set_language
from crm_tui.widgets.key_footer import KeyFooter
from tests.support.ui import screen_text


class Keys(App):
    BINDINGS = [
        Binding("n", "new", "New thing"),
        Binding("d", "delete", "Delete thing"),
        Binding("x", "hidden", "Not in the footer", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []
        self.can_delete = False

    def compose(self) -> ComposeResult:
        yield Label("Keys")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            return self.can_delete or None  # None: shown, dimmed, does nothing
        return True

    def action_new(self) -> None:
        self.done.append("new")

    def action_delete(self) -> None:
        self.done.append("delete")


def footer_line(pilot) -> str:  # type: ignore[no-untyped-def]
    return screen_text(pilot).splitlines()[-1]


async def test_the_footer_shows_shown_keys_and_the_palette() -> None:
    app = Keys()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        line = footer_line(pilot)
        assert "n New thing" in line and "d Delete thing" in line
        assert "Not in the footer" not in line
        assert line.rstrip().endswith("^p palette")


async def test_a_click_on_a_key_runs_its_action_and_a_dimmed_one_does_nothing() -> None:
    app = Keys()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        line = footer_line(pilot)
        await pilot.click(KeyFooter, offset=(line.index("New thing"), 0))
        await pilot.click(KeyFooter, offset=(line.index("Delete thing"), 0))
        await pilot.pause()
        assert app.done == ["new"]
        app.can_delete = True
        app.refresh_bindings()
        await pilot.pause()
        await pilot.click(KeyFooter, offset=(line.index("Delete thing"), 0))
        await pilot.pause()
        assert app.done == ["new", "delete"]


async def test_the_footer_redraws_when_a_key_stops_or_starts_working() -> None:
    app = Keys()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        assert not [item for item in footer._drawn[0] if item.key == "d"][0].enabled
        app.can_delete = True
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert [item for item in footer._drawn[0] if item.key == "d"][0].enabled


async def test_a_narrow_footer_cuts_the_keys_and_keeps_the_palette() -> None:
    app = Keys()
    async with app.run_test(size=(30, 5)) as pilot:
        await pilot.pause()
        line = footer_line(pilot)
        assert len(line) == 30
        assert line.rstrip().endswith("^p palette")
        assert line.startswith(" n New thing")


async def test_the_palette_key_is_translated() -> None:
    set_language("ru")
    try:
        app = Keys()
        async with app.run_test(size=(80, 5)) as pilot:
            await pilot.pause()
            assert footer_line(pilot).rstrip().endswith("^p палитра")
    finally:
        set_language("en")
