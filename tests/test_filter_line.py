"""The one-line filter summary: what it shows, and which filter a click asks to change."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult

from crm_tui.widgets.filter_line import Filter, FilterLine
from tests.support.ui import screen_text


class FiltersApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.picked: list[str] = []

    def compose(self) -> ComposeResult:
        yield FilterLine(Filter("pipeline", "Pipeline", "p", "Sales"),
                         Filter("owner", "Owner", "o", "[b]Boris[/b]"))

    @on(FilterLine.Pick)
    def _picked(self, event: FilterLine.Pick) -> None:
        self.picked.append(event.name)


async def test_values_show_literally_and_a_click_picks_the_filter_under_it() -> None:
    app = FiltersApp()
    async with app.run_test(size=(80, 3)) as pilot:
        line = screen_text(pilot).splitlines()[0]
        assert line.strip() == "Pipeline: Sales ▾ p   Owner: [b]Boris[/b] ▾ o"
        await pilot.click(FilterLine, offset=(line.index("Sales"), 0))
        await pilot.click(FilterLine, offset=(line.index("Boris"), 0))
        await pilot.click(FilterLine, offset=(line.index("▾ p") + 3, 0))  # the gap: nothing
        await pilot.pause()
        assert app.picked == ["pipeline", "owner"]
        app.query_one(FilterLine).set_value("owner", "All owners")
        await pilot.pause()
        assert "Owner: All owners ▾ o" in screen_text(pilot)
