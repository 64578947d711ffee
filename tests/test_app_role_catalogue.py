"""Settings (F8): the admin edits the contact-role catalogue and the TOML file keeps it."""

from __future__ import annotations

import pytest

from crm_tui.config import load_settings
from crm_tui.schemas.clients import ClientIn, ContactIn
from crm_tui.schemas.deals import DealIn
from tests.support.ui import screen_text, settle


@pytest.fixture
def config_path(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The config file lives in a home of its own, so the screen shows it as ~/…"""
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path / ".config" / "crm-tui" / "config.toml"


def _in_use(store) -> int:  # type: ignore[no-untyped-def]
    """A deal whose two people hold the tender specialist role; returns the deal id."""
    client = store.clients.create(ClientIn(name="ООО Альфа"))
    deal = store.deals.create(DealIn(title="Тендер на поставку", client_id=client.id))
    for name in ("Иванов Иван", "Петрова Анна"):
        contact = store.contacts.create(ContactIn(full_name=name), client_id=client.id)
        store.participants.add("deal", deal.id, contact.id, ["tender_specialist", "finance"])
    return deal.id


async def settle_until(pilot, shown: str, rounds: int = 10) -> str:  # type: ignore[no-untyped-def]
    """Settle until `shown` is on the screen (a save is a file write plus a database
    transaction plus a reload, more hops than one `settle` covers on a busy machine)."""
    for _ in range(rounds):
        text = screen_text(pilot)
        if shown in text:
            break
        await settle(pilot)
    return screen_text(pilot)


async def _open(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("f8")
    await settle_until(pilot, "decision_maker")


def notices(app) -> str:  # type: ignore[no-untyped-def]
    """The notifications raised (run_test keeps toasts off the screen)."""
    return "\n".join(f"{n.title}\n{n.message}" for n in app._notifications)


def _row_of(app, code: str) -> int:  # type: ignore[no-untyped-def]
    return [r.code for r in app.settings.roles].index(code)


async def test_an_admin_adds_a_key_role_and_it_is_saved_and_usable(
        app_store, make_test_app, config_path) -> None:
    app = make_test_app(app_store, config_path=config_path)
    async with app.run_test(size=(120, 32)) as pilot:
        await _open(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Lawyer")  # capitals are refused: codes are lowercase
        await pilot.press("tab", *"Lawyer", "tab", *"Юрист", "tab", "space", "ctrl+s")
        await settle(pilot)
        assert "small Latin letters" in screen_text(pilot)  # beside the field
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "ctrl+a", "ctrl+k", *"lawyer",
                          "ctrl+s")
        await settle(pilot)
        assert "Role «Lawyer» added." in notices(app)
    saved = load_settings(config_path)
    assert saved.roles[-1].model_dump() == {"code": "lawyer", "name_en": "Lawyer",
                                            "name_ru": "Юрист", "key": True}
    assert app.settings.roles[-1].code == "lawyer"
    assert "lawyer" in app_store.role_reports.key_roles()
    assert "lawyer" in {r.code for r in app_store.participants.catalogue() if r.active}


async def test_removing_a_role_in_use_asks_what_happens_to_its_assignments(
        app_store, make_test_app, config_path) -> None:
    deal_id = _in_use(app_store)
    app = make_test_app(app_store, config_path=config_path)
    async with app.run_test(size=(120, 32)) as pilot:
        await _open(pilot)
        await settle_until(pilot, "2 in 1 records")
        await pilot.press(*["down"] * _row_of(app, "tender_specialist"), "delete")
        text = await settle_until(pilot, "It is in use")
        assert "It is in use: 2 assignments in 1 records" in text
        await pilot.press("enter")  # keep them, deactivate the role
        text = await settle_until(pilot, "inactive; kept on")
        assert "assignments kept: 2" in notices(app)
        assert "inactive; kept on 2 in 1 records" in text
        assert all("tender_specialist" in p.roles
                   for p in app_store.participants.list("deal", deal_id))
        # The cursor stays on the (now inactive) tender specialist, listed last.
        await pilot.press("up", "up", "delete")
        await settle(pilot)
        assert "Remove the role «Finance / payment»?" in screen_text(pilot)
        await settle(pilot)
        await pilot.press("down", "enter")  # remove it from every record
        await settle_until(pilot, "Finance / payment", rounds=0)
        for _ in range(10):
            if "removed with its assignments" in notices(app):
                break
            await settle(pilot)
        assert "removed with its assignments: 2" in notices(app)
    assert [p.roles for p in app_store.participants.list("deal", deal_id)] == [
        ("tender_specialist",), ("tender_specialist",)]
    assert {r.code for r in load_settings(config_path).roles}.isdisjoint(
        {"tender_specialist", "finance"})


async def test_a_role_named_by_a_stage_rule_cannot_be_removed(
        app_store, make_test_app, config_path) -> None:
    app = make_test_app(app_store, config_path=config_path)
    async with app.run_test(size=(120, 32)) as pilot:
        await _open(pilot)
        await pilot.press("delete", "enter")  # the decision maker, unused: "Remove"
        await settle(pilot)
        assert "is not in the contact role catalogue" in notices(app)
    assert not config_path.exists()
    assert app.settings.roles[0].code == "decision_maker"


async def test_only_an_admin_may_edit_the_catalogue(
        app_store, make_test_app, config_path) -> None:
    app_store.users.add("boris", "Boris Manager", "manager")
    app_store.sign_in("boris")
    app = make_test_app(app_store, config_path=config_path)
    async with app.run_test(size=(120, 32)) as pilot:
        await _open(pilot)
        assert "Only an admin may change the contact roles." in screen_text(pilot)
        await pilot.press("n", "k", "delete")
        await settle(pilot)
        assert len(app.screen_stack) == 1
    assert not config_path.exists()


def test_catalogue_editor_snapshot(snap_compare, app_store, make_test_app, config_path) -> None:
    _in_use(app_store)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open(pilot)

    assert snap_compare(make_test_app(app_store, config_path=config_path),
                        terminal_size=(120, 30), run_before=run_before)


def test_role_in_use_question_snapshot(snap_compare, app_store, make_test_app,
                                       config_path) -> None:
    _in_use(app_store)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open(pilot)
        await pilot.press(*["down"] * 6, "delete")
        await settle(pilot)

    assert snap_compare(make_test_app(app_store, config_path=config_path),
                        terminal_size=(120, 30), run_before=run_before)
