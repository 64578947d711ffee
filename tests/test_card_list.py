"""The line-drawn card list under the deal board's columns: keys, mouse, wrapping, text."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult

from crm_tui.widgets.card_list import CardList
from tests.support.ui import screen_text


class CardsApp(App):
    CSS = "CardList { width: 24; height: 12; }"

    def __init__(self, cards: list[str]) -> None:
        super().__init__()
        self.cards = cards
        self.selected: list[int] = []

    def compose(self) -> ComposeResult:
        yield CardList(id="cards")

    def on_mount(self) -> None:
        cards = self.query_one(CardList)
        cards.add_cards([Text(card) for card in self.cards])
        cards.highlighted = 0
        cards.focus()

    @on(CardList.Selected)
    def _selected(self, event: CardList.Selected) -> None:
        self.selected.append(event.index)


def _cards(count: int) -> list[str]:
    return [f"Client {n}\nDeal {n}" for n in range(count)]


async def test_keys_move_the_highlight_a_card_at_a_time_and_enter_selects() -> None:
    app = CardsApp(_cards(10))
    async with app.run_test(size=(40, 14)) as pilot:
        cards = app.query_one(CardList)
        await pilot.press("down", "down")
        assert cards.highlighted == 2
        await pilot.press("up")
        assert cards.highlighted == 1
        await pilot.press("end")
        assert cards.highlighted == 9
        assert "Client 9" in screen_text(pilot)  # scrolled to the last card
        assert "Client 0" not in screen_text(pilot)
        await pilot.press("down")  # past the end it stays
        assert cards.highlighted == 9
        await pilot.press("home")
        assert cards.highlighted == 0
        assert "Client 0" in screen_text(pilot)
        await pilot.press("pagedown")  # 12 lines: four cards of two lines and a rule
        assert cards.highlighted == 4
        await pilot.press("pageup")
        assert cards.highlighted == 0
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.selected == [1]


async def test_a_click_selects_the_card_under_the_mouse() -> None:
    app = CardsApp(_cards(3))
    async with app.run_test(size=(40, 14)) as pilot:
        # Lines: card 0 (0-1), rule (2), card 1 (3-4), rule (5), card 2 (6-7).
        await pilot.click(CardList, offset=(3, 4))
        await pilot.pause()
        assert app.query_one(CardList).highlighted == 1
        assert app.selected == [1]


async def test_long_lines_wrap_to_the_width_and_stored_markup_stays_text() -> None:
    long = "[b]ООО[/b] Очень длинное название клиента\nСделка"
    app = CardsApp([long, "Second\nDeal"])
    async with app.run_test(size=(40, 14)) as pilot:
        cards = app.query_one(CardList)
        text = screen_text(pilot)
        assert "[b]ООО[/b]" in text  # shown, not obeyed
        # 24 columns less a scrollbar and a cell each side: the name takes three lines.
        assert "длинное название" in text and "клиента" in text
        assert cards.virtual_size.height == 3 + 1 + 1 + 2  # card, its title, rule, card
        assert cards.card_text(0).plain == long


async def test_a_narrower_list_wraps_its_cards_again() -> None:
    app = CardsApp(["Alpha Beta Gamma Delta\nDeal"])
    async with app.run_test(size=(40, 14)) as pilot:
        cards = app.query_one(CardList)
        before = cards.virtual_size.height
        cards.styles.width = 12
        await pilot.pause()
        await pilot.pause()
        assert cards.virtual_size.height > before
        assert "Gamma" in screen_text(pilot)


async def test_clearing_removes_the_cards_and_the_highlight() -> None:
    app = CardsApp(_cards(3))
    async with app.run_test(size=(40, 14)) as pilot:
        cards = app.query_one(CardList)
        cards.clear_cards()
        await pilot.pause()
        assert cards.card_count == 0 and cards.highlighted is None
        assert "Client" not in screen_text(pilot)
        await pilot.press("down", "enter")  # nothing to move to or select
        assert app.selected == []
