"""PagedTable: a reloaded page widens its columns to fit, whatever order Textual draws in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region

from crm_tui.schemas.common import Page
from crm_tui.widgets.paged_table import PagedTable
from tests.support.ui import screen_text


@dataclass(frozen=True)
class Person:
    id: int
    name: str


class OneTable(App):
    def compose(self) -> ComposeResult:
        yield PagedTable([("name", "Full name")], lambda person: [Text(person.name)])


def page(*names: str) -> Page[Any]:
    return Page[Any](items=[Person(n, name) for n, name in enumerate(names, start=1)])


async def test_a_longer_name_after_a_reload_is_shown_whole() -> None:
    app = OneTable()
    async with app.run_test(size=(60, 8)) as pilot:
        table = app.query_one(PagedTable)
        table.show_first_page(lambda _after: page(), page("Петров Иван"))
        await pilot.pause()
        assert "Петров Иван" in screen_text(pilot)
        # The reload's rows are drawn before the table's idle measures them (the order the
        # flaky CI run hit): the widths it measures then must still reach the screen.
        table.show_first_page(lambda _after: page(), page("Петров Иван", "Сидорова Анна"))
        table.render_lines(Region(0, 0, table.size.width, table.size.height))
        await pilot.pause()
        await pilot.pause()
        assert "Сидорова Анна" in screen_text(pilot)
