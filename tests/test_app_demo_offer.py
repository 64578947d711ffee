"""First start on an empty database: the app offers the demo data and loads it on "yes"."""

from __future__ import annotations

from tests.support.ui import screen_text, settle


async def test_empty_database_offers_demo_and_loads_it(app_store, make_test_app) -> None:
    app = make_test_app(app_store, offer_demo=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "Load demo data?" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot, rounds=8)
        assert not app_store.is_empty()
        assert app_store.clients.count() > 10
        assert "Demo data loaded." in [n.message for n in app._notifications]
        assert app.screen.table.row_count > 10  # the list on screen refreshed itself


async def test_declining_leaves_the_database_empty(app_store, make_test_app) -> None:
    app = make_test_app(app_store, offer_demo=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app_store.is_empty()
        assert "Load demo data?" not in screen_text(pilot)
