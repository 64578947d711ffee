"""The `Store`: one object that screens, the CLI and scripts use for everything persistent."""

from __future__ import annotations

import datetime as dt
import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from crm_tui.store import schema
from crm_tui.store.base import StoreContext
from crm_tui.store.catalogue import sync_catalogue
from crm_tui.store.db import Database, create_store_engine
from crm_tui.store.models import AuditEntry, Contact, utcnow
from crm_tui.store.users import UserRepository, os_login

if TYPE_CHECKING:
    from crm_tui.store.activities import ActivityRepository
    from crm_tui.store.approvals import ApprovalRepository
    from crm_tui.store.clients import ClientRepository, CounterpartyRepository
    from crm_tui.store.contacts import ContactRepository
    from crm_tui.store.contracts import ContractRepository, TicketRepository
    from crm_tui.store.deals import DealRepository
    from crm_tui.store.leads import LeadRepository
    from crm_tui.store.participants import ParticipantRepository
    from crm_tui.store.people import PeopleRepository
    from crm_tui.store.role_catalogue import RoleCatalogueRepository
    from crm_tui.store.role_reminders import RoleReminderRepository
    from crm_tui.store.role_reports import RoleReportRepository
    from crm_tui.store.search import SearchRepository
    from crm_tui.store.tasks import TaskRepository


class _Repository:
    """A repository made, and its module imported, when the store is first asked for it.

    Importing every repository (and the schemas, validators and matchers they bring) took
    a tenth of the app's start; the first screen needs three of them. The warm-up thread
    (`CrmApp._warm_up`) imports the rest once the first screen is drawn.
    """

    def __init__(self, target: str) -> None:
        self.module, _, self.cls = target.partition(":")
        self.lock = threading.Lock()

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, store: Store | None, owner: type) -> Any:
        if store is None:
            return self
        with self.lock:  # two worker threads asking at once get the same one
            made = store.__dict__.get(self.name)
            if made is None:
                made = getattr(importlib.import_module(self.module), self.cls)(store.ctx)
                store.__dict__[self.name] = made
        return made


@dataclass
class Store:
    ctx: StoreContext

    def __post_init__(self) -> None:
        self.users = UserRepository(self.ctx)

    # Each repository is made on first use (see `_Repository`).
    if TYPE_CHECKING:
        clients: ClientRepository
        counterparties: CounterpartyRepository
        contacts: ContactRepository
        deals: DealRepository
        participants: ParticipantRepository
        contracts: ContractRepository
        tickets: TicketRepository
        role_catalogue: RoleCatalogueRepository
        role_reports: RoleReportRepository
        role_reminders: RoleReminderRepository
        tasks: TaskRepository
        activities: ActivityRepository
        leads: LeadRepository
        approvals: ApprovalRepository
        search: SearchRepository
        people: PeopleRepository
    else:
        clients = _Repository("crm_tui.store.clients:ClientRepository")
        counterparties = _Repository("crm_tui.store.clients:CounterpartyRepository")
        contacts = _Repository("crm_tui.store.contacts:ContactRepository")
        deals = _Repository("crm_tui.store.deals:DealRepository")
        participants = _Repository("crm_tui.store.participants:ParticipantRepository")
        contracts = _Repository("crm_tui.store.contracts:ContractRepository")
        tickets = _Repository("crm_tui.store.contracts:TicketRepository")
        role_catalogue = _Repository("crm_tui.store.role_catalogue:RoleCatalogueRepository")
        role_reports = _Repository("crm_tui.store.role_reports:RoleReportRepository")
        role_reminders = _Repository("crm_tui.store.role_reminders:RoleReminderRepository")
        tasks = _Repository("crm_tui.store.tasks:TaskRepository")
        activities = _Repository("crm_tui.store.activities:ActivityRepository")
        leads = _Repository("crm_tui.store.leads:LeadRepository")
        approvals = _Repository("crm_tui.store.approvals:ApprovalRepository")
        search = _Repository("crm_tui.store.search:SearchRepository")
        people = _Repository("crm_tui.store.people:PeopleRepository")

    @classmethod
    def repository_modules(cls) -> list[str]:
        """The modules of the repositories made on first use (the app imports them ahead)."""
        found = [value.module for value in vars(cls).values() if isinstance(value, _Repository)]
        return list(dict.fromkeys(found))

    @property
    def user(self):  # type: ignore[no-untyped-def]
        return self.ctx.user

    @property
    def settings(self):  # type: ignore[no-untyped-def]
        return self.ctx.settings

    @property
    def url(self) -> str:
        return self.ctx.db.engine.url.render_as_string(hide_password=True)

    @property
    def display_name(self) -> str:
        """Short name of the database for the status line: file name or host/database."""
        url = self.ctx.db.engine.url
        if url.get_backend_name() == "sqlite":
            return (url.database or ":memory:").rsplit("/", 1)[-1]
        return f"{url.host or 'localhost'}/{url.database}"

    def sign_in(self, login: str | None = None) -> None:
        """Act as the CRM user of `login` (default: the process owner's OS login)."""
        user, readonly = self.users.sign_in(login or os_login())
        self.ctx.user = user
        self.ctx.readonly = readonly

    def is_empty(self) -> bool:
        """No contacts yet: the app offers demo data."""
        with self.ctx.db.read() as session:
            return session.scalar(select(func.count()).select_from(Contact).limit(1)) == 0

    def change_marker(self) -> int:
        """A number that grows with every change anyone makes: cheap to poll."""
        with self.ctx.db.read() as session:
            return session.scalar(select(func.max(AuditEntry.id))) or 0

    def close(self) -> None:
        self.ctx.db.dispose()


def open_store(
    url: str,
    settings,  # type: ignore[no-untyped-def]
    *,
    login: str | None = None,
    sign_in: bool = True,
    clock: Callable[[], dt.datetime] = utcnow,
    create: bool = True,
) -> Store:
    """Open the database, refuse a schema that does not match the code, mirror the config."""
    engine = create_store_engine(url)
    try:
        schema.ensure_current(engine, create_if_empty=create)
        db = Database(engine)
        with db.write() as session:
            sync_catalogue(session, settings)
    except Exception:
        engine.dispose()
        raise
    store = Store(StoreContext(db=db, settings=settings, clock=clock))
    if sign_in:
        store.sign_in(login)
    return store
