"""Builders for deal tests: a client with a legal entity, a deal, contacts with roles.

Everything goes through the repositories, as a user's actions would, so the audit log and
the stage history look exactly as they do in the app.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from crm_tui.schemas.clients import ClientIn, ContactIn, CounterpartyIn
from crm_tui.schemas.deals import DealIn, DealOut, MoveRequest
from crm_tui.store.models import (
    Activity,
    Approval,
    AuditEntry,
    Deal,
    DealStageChange,
    Notification,
    Participation,
    Task,
)


def make_deal(
    store,  # type: ignore[no-untyped-def]
    *,
    client_name: str = "ООО Альфа",
    title: str = "Поставка оборудования",
    amount: Decimal | int | None = 1_200_000,
    discount: Decimal | int | None = None,
    with_counterparty: bool = True,
    pipeline: str = "sales",
    owner_id: int | None = None,
) -> DealOut:
    """A deal of a new client, in the first stage, owned by the store's user."""
    client = store.clients.create(ClientIn(name=client_name))
    counterparty_id = None
    if with_counterparty:
        counterparty_id = store.counterparties.add(
            client.id,
            CounterpartyIn(name=client_name, legal_form="ООО", inn="7707083893",
                           kpp="773601001", ogrn="1027700132195"),
        ).id
    return store.deals.create(
        DealIn(title=title, client_id=client.id, counterparty_id=counterparty_id,
               amount=amount, discount=discount, pipeline=pipeline, owner_id=owner_id)
    )


def add_contact(
    store,  # type: ignore[no-untyped-def]
    deal: DealOut,
    name: str = "Иван Петров",
    roles: tuple[str, ...] = ("decision_maker",),
    *,
    primary: bool = False,
) -> int:
    """A contact of the deal's client, taking part in the deal with `roles`."""
    contact = store.contacts.create(ContactIn(full_name=name), client_id=deal.client_id)
    store.participants.add("deal", deal.id, contact.id, roles, primary=primary)
    return contact.id


def walk(store, deal_id: int, *stages: str) -> DealOut:  # type: ignore[no-untyped-def]
    """Move the deal through `stages` one by one; the last result."""
    result = None
    for stage in stages:
        result = store.deals.move(deal_id, MoveRequest(target_stage=stage))
    assert result is not None
    return result


def database_picture(store, deal_id: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Everything a stage move could touch, to compare before and after a refused move."""
    with store.ctx.db.read() as session:
        deal = session.get(Deal, deal_id)
        picture: dict[str, object] = {
            "deal": (deal.stage_id, deal.version, deal.outcome, deal.lost_reason,
                     deal.stage_entered_at, deal.closed_at, deal.amount, deal.title),
        }
        for model in (DealStageChange, Task, Activity, AuditEntry, Notification, Approval,
                      Participation):
            picture[model.__tablename__] = session.scalar(
                select(func.count()).select_from(model)
            )
        return picture
