"""The Leads screen (F6), the lead form, the convert dialog and the lead card, driven as a
user does."""

from __future__ import annotations

from crm_tui.schemas.clients import ClientIn, ContactIn
from crm_tui.schemas.leads import ConvertRequest, LeadIn
from crm_tui.store.models import Client, Deal
from tests.support.ui import screen_text, settle

SIZE = (130, 34)


def _fill(store) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A few leads of every kind: valuable, thin, junk by a known competitor, tricky text."""
    me = store.user.id
    known = store.contacts.create(ContactIn(full_name="Пётр Шпионов", phones=["+79990001122"]))
    with store.ctx.db.write() as session:
        from crm_tui.store.models import Contact

        session.get(Contact, known.id).status = "competitor"
    store.clients.create(ClientIn(name="ООО «Ромашка»"))
    ids = {}
    for key, data in {
        "best": LeadIn(name="Иван Петров", company="Ромашка", phone="+79161234567",
                       email="ivan@romashka.ru", source="referral", owner_id=me),
        "site": LeadIn(name="Мария Сидорова", company="Альфа", email="maria@alfa.ru",
                       source="website", owner_id=me),
        "thin": LeadIn(name="Аноним", source="cold", owner_id=me),
        "spy": LeadIn(name="Пётр", phone="+7 999 000-11-22", source="website"),
        "tricky": LeadIn(name="[b]Bold[/b] [@click=app.quit]", company="Smith [/Jones] Ltd",
                         source="exhibition", owner_id=me),
    }.items():
        ids[key] = store.leads.create(data).lead.id
    return ids


async def _open_leads(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("f6")
    await settle(pilot)
    pilot.app.clear_notifications()  # the start-up greeting is not what these tests look at


def _toasts(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(f"{n.title}\n{n.message}" for n in app._notifications)


async def test_create_qualify_and_convert_a_lead_with_the_keyboard(app_store,
                                                                    make_test_app) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_leads(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Ольга Новикова", "enter", *"ООО Вектор", "enter",
                          *"8 916 555-44-33", "enter", *"olga@vector.ru", "ctrl+s")
        await settle(pilot)
        lead = app_store.leads.page(status="new").items[0]
        assert (lead.name, lead.company, lead.phone) == ("Ольга Новикова", "ООО Вектор",
                                                         "+79165554433")
        assert "Ольга Новикова" in screen_text(pilot)

        await pilot.press("q")
        await settle(pilot)
        qualified = app_store.leads.get(lead.id)
        assert qualified.status == "qualified" and qualified.owner_id == app_store.user.id
        assert "Ольга Новикова" not in screen_text(pilot)  # gone from the New tab

        await pilot.press("2")
        await settle(pilot)
        assert "Ольга Новикова" in screen_text(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert "Convert lead «Ольга Новикова»" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    converted = app_store.leads.get(lead.id)
    assert converted.status == "converted" and converted.client_id and converted.deal_id
    with app_store.ctx.db.read() as session:
        client = session.get(Client, converted.client_id)
        deal = session.get(Deal, converted.deal_id)
    assert client.name == "ООО Вектор" and client.lead_id == lead.id
    assert deal.lead_id == lead.id


async def test_the_form_shows_a_bad_phone_beside_the_field_and_saves_nothing(
        app_store, make_test_app) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_leads(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Ольга", "enter", "enter", *"12345", "ctrl+s")
        await settle(pilot)
        assert "Phone 12345: too few digits" in screen_text(pilot)
        assert app.screen.query_one("#lead-name").value == "Ольга"  # nothing typed is lost
    assert app_store.leads.counts()["new"] == 0


async def test_a_refusal_needs_a_reason_in_the_dialog(app_store, make_test_app) -> None:
    ids = _fill(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_leads(pilot)
        assert app.screen.table.current.id == ids["best"]
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "the reason is required" in screen_text(pilot)
        assert app_store.leads.get(ids["best"]).status == "new"
        await pilot.press(*"Выбрали другого поставщика", "ctrl+s")
        await settle(pilot)
    refused = app_store.leads.get(ids["best"])
    assert refused.status == "refused" and refused.refusal_reason == "Выбрали другого поставщика"
    tasks = app_store.tasks.open_for()
    assert any(t.title.startswith("Send farewell letter with survey") for t in tasks)


async def test_a_lead_changed_meanwhile_asks_before_saving_over_it(app_store,
                                                                   make_test_app) -> None:
    ids = _fill(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_leads(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press(*"Дорого")
        seen = app_store.leads.get(ids["best"])
        app_store.leads.qualify(seen.id, seen.version)  # someone else, while the dialog is open
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Someone else saved this lead first" in screen_text(pilot)
        await pilot.press("r")  # reload their version: the dialog closes, the list re-reads
        await settle(pilot)
        assert "Refuse lead" not in screen_text(pilot)
        assert "2 Ready to contact 1" in screen_text(pilot)
    assert app_store.leads.get(ids["best"]).status == "qualified"


async def test_tabs_count_leads_and_junk_goes_to_its_own_tab(app_store, make_test_app) -> None:
    _fill(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_leads(pilot)
        text = screen_text(pilot)
        assert "1 New 4" in text and "3 Junk 1" in text and "6 All 5" in text
        assert "Пётр" not in text.replace("Пётр Шпионов", "")
        await pilot.press("3")
        await settle(pilot)
        assert [lead.name for lead in app.screen.table.items()] == ["Пётр"]
        await pilot.press("c")
        await settle(pilot)
        assert "A lead with status «Junk» cannot be converted." in _toasts(app)
        assert "Convert lead" not in screen_text(pilot)  # no dialog for an impossible change


async def test_lead_card_opens_what_the_lead_became(app_store, make_test_app) -> None:
    ids = _fill(app_store)
    lead = app_store.leads.get(ids["best"])
    done = app_store.leads.convert(lead.id, ConvertRequest(create_deal=True), lead.version)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_leads(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "What it became" in text and "Client: Ромашка" in text
        await pilot.press("down", "down", "enter")  # the deal
        await settle(pilot)
        assert type(app.screen).__name__ == "DealCardScreen"
        assert app.screen.deal_id == done.deal_id


async def test_the_head_assigns_a_lead_nobody_has(app_store, make_test_app) -> None:
    boris = app_store.users.add("boris", "Boris Manager", "manager")
    lead = app_store.leads.create(LeadIn(name="Ничей лид", source="website")).lead
    assert lead.owner_id is None  # nobody usually serves this person
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_leads(pilot)
        assert "— nobody —" in screen_text(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert "Responsible for «Ничей лид»" in screen_text(pilot)
        users = app.screen.query_one("#assign-users")
        boris_at = next(i for i in range(users.option_count)
                        if users.get_option_at_index(i).id == str(boris.id))
        await pilot.press(*["down"] * boris_at, "enter")
        await settle(pilot)
        assert "Boris Manager" in screen_text(pilot)
    assert app_store.leads.get(lead.id).owner_id == boris.id


async def test_help_lists_the_lead_keys(app_store, make_test_app) -> None:
    _fill(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_leads(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(pilot)
        assert "New lead" in text and "Mark as junk" in text and "Ready to contact" in text


def test_lead_list_snapshot(snap_compare, app_store, make_test_app) -> None:
    _fill(app_store)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_leads(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_convert_dialog_snapshot(snap_compare, app_store, make_test_app) -> None:
    _fill(app_store)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_leads(pilot)
        await pilot.press("c")
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_lead_card_snapshot(snap_compare, app_store, make_test_app) -> None:
    ids = _fill(app_store)
    app_store.leads.create(LeadIn(name="Петров Иван", phone="+79161234567",
                                  owner_id=app_store.user.id))
    lead = app_store.leads.get(ids["best"])
    app_store.leads.convert(lead.id, ConvertRequest(create_deal=True, deal_title="Поставка"),
                            lead.version)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_leads(pilot)
        await pilot.press("5", "enter")
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)

