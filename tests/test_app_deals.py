"""The deal board, the deal screen and their dialogs, driven as a user does.

The store's checker decides every move; these tests check that the screens propose moves
with the keys, explain a refusal with every failed rule, ask how a closed deal ended, and
show what changed.
"""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import OptionList

from crm_tui.schemas.deals import DealIn
from crm_tui.screens.deal_board import BOARD_CHROME, DealBoardScreen
from crm_tui.screens.deal_card import DealCardScreen
from crm_tui.screens.deal_form import DealFormScreen
from crm_tui.screens.outcome import OutcomeDialog
from crm_tui.screens.refusal import RefusalDialog
from crm_tui.screens.role_dialogs import ChoiceDialog
from crm_tui.store.store import open_store
from crm_tui.widgets.stage_column import page_to_fill
from tests.support.deals import add_contact, make_deal, walk
from tests.support.ui import screen_text, settle

NEXT, PREVIOUS = "right_square_bracket", "left_square_bracket"


def _team(store) -> None:  # type: ignore[no-untyped-def]
    store.users.add("hanna", "Hanna Head", "head_of_sales")
    store.users.add("boris", "Boris Manager", "manager")


async def _open_board(pilot) -> DealBoardScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DealBoardScreen)
    return screen


async def test_board_shows_stages_with_counts_totals_and_cards(
    app_store, make_test_app, clock
) -> None:
    make_deal(app_store, client_name="ООО Альфа", amount=1_200_000)
    clock.advance(days=3)
    make_deal(app_store, client_name="[b]Бета[/b] Трейд", title="Сервис", amount=90_000)
    app = make_test_app(app_store)
    async with app.run_test(size=(200, 40)) as pilot:
        board = await _open_board(pilot)
        text = screen_text(pilot)
        assert "2 · RUB1,290,000.00" in text
        assert "0 · RUB0.00" in text  # the empty stages say so
        assert "[b]Бета[/b] Трейд" in text  # stored markup is shown, not obeyed
        assert "RUB90,000.00" in text and "3 days" in text and "0 days" in text
        cards = board.column("new")
        newest = cards.card_text(0).plain
        assert newest.splitlines() == ["[b]Бета[/b] Трейд", "Сервис", "RUB90,000.00 · anna",
                                       "0 days  ⚠ no Decision maker, Finance / payment"]
        assert [c.stage for c in board.columns] == [
            "new", "qualification", "proposal", "on_approval", "contract", "shipped", "closed"]


async def test_a_manager_sees_own_deals_first_and_may_see_all(
    app_store, make_test_app, sqlite_url, settings, clock
) -> None:
    _team(app_store)
    make_deal(app_store, client_name="Чужой клиент")
    boris = open_store(sqlite_url, settings, login="boris", clock=clock)
    try:
        make_deal(boris, client_name="Свой клиент")
        app = make_test_app(boris)
        async with app.run_test(size=(200, 40)) as pilot:
            board = await _open_board(pilot)
            assert [c.client_name for c in board.column("new").cards] == ["Свой клиент"]
            assert "Owner: Boris" in screen_text(pilot)
            await pilot.press("o")  # the owners, in a dialog
            await settle(pilot)
            assert isinstance(app.screen, ChoiceDialog)
            owners = app.screen.query_one(OptionList)
            assert owners.highlighted_option.id == str(boris.user.id)  # the one in force
            await pilot.press("home", "enter")  # "All owners" comes first
            await settle(pilot)
            assert "Owner: All owners" in screen_text(pilot)
            assert {c.client_name for c in board.column("new").cards} == {
                "Свой клиент", "Чужой клиент"}
            assert "2 · RUB2,400,000.00" in screen_text(pilot)
    finally:
        boris.close()


async def test_a_long_column_is_paged_not_mounted(app_store, make_test_app) -> None:
    client = make_deal(app_store).client_id
    for number in range(260):
        app_store.deals.create(DealIn(title=f"Сделка {number}", client_id=client, amount=1))
    app = make_test_app(app_store)
    async with app.run_test(size=(200, 40)) as pilot:
        board = await _open_board(pilot)
        cards = board.column("new")
        first_page = page_to_fill(40 - BOARD_CHROME)  # what the column's height holds
        assert len(cards.cards) == first_page  # what fills the column, not all 261
        assert len(board.query("*")) < 120  # cards are list options, not widgets
        assert "261 · RUB1,200,260.00" in screen_text(pilot)  # the header counts them all
        await pilot.press("end")
        await settle(pilot)
        assert first_page < len(cards.cards) < 261  # the next page, as the end came near
        for _page in range(10):
            await pilot.press("end")
            await settle(pilot)
        assert len(cards.cards) == 261


async def test_refused_move_lists_rules_then_moves_once_roles_are_set(
    app_store, make_test_app
) -> None:
    _team(app_store)
    deal = make_deal(app_store, title="Поставка")
    app = make_test_app(app_store)
    async with app.run_test(size=(200, 44)) as pilot:
        board = await _open_board(pilot)
        await pilot.press(NEXT)
        await settle(pilot)
        assert isinstance(app.screen, RefusalDialog)
        text = screen_text(pilot)
        assert "«Поставка» cannot move to «Qualification» yet" in text
        assert "At least one contact with a role is needed before «Qualification»" in text
        assert "A primary contact is needed before «Qualification»" in text
        await pilot.press("escape")
        await settle(pilot)
        assert app_store.deals.get(deal.id).stage == "new"

        # The role panel's work, done through the store: a decision maker, made primary.
        add_contact(app_store, deal, roles=("decision_maker",), primary=True)
        for _stage in ("qualification", "proposal", "on_approval"):
            await pilot.press(NEXT)
            await settle(pilot)
        assert app_store.deals.get(deal.id).stage == "on_approval"
        assert board.column("on_approval").current.id == deal.id  # the focus followed
        tasks = {(t.title, t.assignee_name) for t in app_store.tasks.open_for(deal_id=deal.id)}
        assert ("Approve the deal", "Hanna Head") in tasks

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DealCardScreen)
        text = screen_text(pilot)
        assert "Approve the deal" in text and "Hanna Head" in text
        assert "Proposal → On approval" in text


async def test_choosing_a_field_fix_opens_the_deal_form_there(app_store, make_test_app) -> None:
    deal = make_deal(app_store, title="Без суммы", amount=None)
    add_contact(app_store, deal)
    walk(app_store, deal.id, "qualification")
    app = make_test_app(app_store)
    async with app.run_test(size=(200, 44)) as pilot:
        board = await _open_board(pilot)
        board._focus_column(1)
        await pilot.press(NEXT)
        await settle(pilot)
        assert "Amount is required before «Proposal»" in screen_text(pilot)
        rules = app.screen.query_one("#refusal-rules", OptionList)
        rules.highlighted = next(i for i, v in enumerate(app.screen.violations)
                                 if v.fix.kind == "field")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DealFormScreen)
        assert app.focused is app.screen.query_one("#field-amount")
        await pilot.press(*"1 500 000,50", "ctrl+s")
        await settle(pilot)
        assert app_store.deals.get(deal.id).amount == Decimal("1500000.50")
        await pilot.press(NEXT)
        await settle(pilot)
        assert app_store.deals.get(deal.id).stage == "proposal"


async def test_closing_asks_how_the_deal_ended(app_store, make_test_app) -> None:
    deal = make_deal(app_store, pipeline="renewal", title="Продление")
    add_contact(app_store, deal, roles=("finance",))
    walk(app_store, deal.id, "negotiation")
    app = make_test_app(app_store)
    async with app.run_test(size=(200, 44)) as pilot:
        board = await _open_board(pilot)
        await pilot.click("#board-filters", offset=(4, 0))  # on "Pipeline: Sales", as p does
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        choices = app.screen.query_one(OptionList)
        choices.highlighted = choices.get_option_index("renewal")
        await pilot.press("enter")
        await settle(pilot)
        assert "Pipeline: Renewal" in screen_text(pilot)
        assert [c.stage for c in board.columns] == ["new", "negotiation", "closed"]
        board._focus_column(1)
        await pilot.press(NEXT)
        await settle(pilot)
        assert isinstance(app.screen, OutcomeDialog)
        assert "Won" in screen_text(pilot) and "Lost: Chose a competitor" in screen_text(pilot)
        choices = app.screen.query_one("#outcome-choices", OptionList)
        choices.highlighted = choices.get_option_index("lost:competitor")
        await pilot.press("ctrl+o", *"Ушли к X", "enter", "enter")
        await settle(pilot)
        closed = app_store.deals.get(deal.id)
        assert (closed.stage, closed.outcome, closed.lost_reason) == ("closed", "lost", "competitor")
        assert app_store.activities.timeline("deal", deal.id).items[0].body.endswith("Ушли к X")
        assert board.column("closed").current.id == deal.id
        assert "lost" in screen_text(pilot)


async def test_close_as_lost_from_any_stage_offers_only_lost_reasons(
    app_store, make_test_app
) -> None:
    deal = make_deal(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=(200, 44)) as pilot:
        await _open_board(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert "Won" not in screen_text(pilot)
        await pilot.press("enter")  # the first reason: Price
        await settle(pilot)
    closed = app_store.deals.get(deal.id)
    assert (closed.outcome, closed.lost_reason) == ("lost", "price")


async def test_new_deal_for_a_client_found_by_name(app_store, make_test_app) -> None:
    existing = make_deal(app_store, client_name="ООО Альфа")
    app = make_test_app(app_store)
    async with app.run_test(size=(200, 44)) as pilot:
        board = await _open_board(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"альф")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        form.query_one("#field-title").focus()
        await pilot.press(*"Допродажа", "tab")
        form.query_one("#field-amount").focus()
        await pilot.press(*"abc", "ctrl+s")
        await settle(pilot)
        assert "is not an amount" in screen_text(pilot)
        assert len(board.column("new").cards) == 1  # nothing saved
        form.query_one("#field-amount").clear()
        await pilot.press(*"250000", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DealBoardScreen)
        cards = board.column("new")
        assert cards.current is not None and cards.current.title == "Допродажа"
    created = app_store.deals.get(cards.current.id)
    assert (created.client_id, created.counterparty_id, created.amount) == (
        existing.client_id, existing.counterparty_id, Decimal(250000))


async def test_approval_is_asked_and_decided_on_the_deal_screen(
    app_store, make_test_app
) -> None:
    deal = make_deal(app_store, discount=15)
    app = make_test_app(app_store)
    async with app.run_test(size=(200, 44)) as pilot:
        await _open_board(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Крупный заказ", "enter")
        await settle(pilot)
        assert app_store.approvals.list(deal.id)[-1].status == "pending"
        assert "pending" in screen_text(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter", "enter")  # no comment, then "Approve"
        await settle(pilot)
        assert app_store.approvals.list(deal.id)[-1].status == "approved"
        assert "approved" in screen_text(pilot)


# -- snapshots ----------------------------------------------------------------------------------
def _board_data(store, clock) -> None:  # type: ignore[no-untyped-def]
    _team(store)
    make_deal(store, client_name="ООО Альфа", title="Поставка оборудования")
    clock.advance(days=4)
    moved = make_deal(store, client_name="Бета Трейд", title="Сервисный контракт",
                      amount=350_000, discount=15)
    add_contact(store, moved, roles=("decision_maker", "finance"))
    walk(store, moved.id, "qualification", "proposal")
    store.approvals.request(moved.id, reason="Конкурент даёт 12%")
    clock.advance(hours=2)
    make_deal(store, client_name="[b]Гамма[/b]", title="Лицензии", amount=90_000)


def test_board_snapshot(snap_compare, app_store, make_test_app, clock) -> None:
    _board_data(app_store, clock)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_board(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(190, 30),
                        run_before=run_before)


def test_refusal_dialog_snapshot(snap_compare, app_store, make_test_app, clock) -> None:
    _board_data(app_store, clock)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_board(pilot)
        await pilot.press(NEXT)
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(120, 30),
                        run_before=run_before)


def test_outcome_dialog_snapshot(snap_compare, app_store, make_test_app, clock) -> None:
    _board_data(app_store, clock)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_board(pilot)
        await pilot.press("l")
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(120, 30),
                        run_before=run_before)


def test_deal_screen_snapshot(snap_compare, app_store, make_test_app, clock) -> None:
    _board_data(app_store, clock)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        board = await _open_board(pilot)
        board._focus_column(2)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(160, 36),
                        run_before=run_before)


async def test_a_stage_reload_during_a_whole_board_load_still_draws_every_stage(
    app_store, make_test_app, clock, monkeypatch
) -> None:
    """A move's two-stage reload may start while the whole board is loading (a poll, a
    return from a deal): every stage must still get its cards, none left spinning."""
    import threading

    make_deal(app_store, client_name="ООО Альфа", amount=1_000)
    app = make_test_app(app_store)
    async with app.run_test(size=(200, 40)) as pilot:
        board = await _open_board(pilot)
        board.column("new").clear_cards()  # what the user saw is gone until redrawn
        release, real = threading.Event(), app_store.deals.stage_summaries
        calls: list[int] = []

        def slow_first(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(1)
            if len(calls) == 1:
                release.wait(10)  # the whole-board load is still running...
            return real(*args, **kwargs)

        monkeypatch.setattr(app_store.deals, "stage_summaries", slow_first)
        board.reload()
        await pilot.pause()
        board.reload({"qualification"})  # ...when the two-stage one replaces it
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert board.column("new").card_count > 0  # the card is back on screen
        assert "ООО Альфа" in screen_text(pilot)
        assert not any(column.loading for column in board.columns)
