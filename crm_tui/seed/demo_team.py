"""The demo sales team: the person running the seed as admin, a head of sales, three managers.

Fixed names and logins, so a guide can say "sign in as ivanova to see a manager's day".
"""

from __future__ import annotations

from crm_tui.schemas.common import UserOut, UserRole
from crm_tui.seed.demo_context import DemoContext, DemoTeam
from crm_tui.store.users import os_display_name, os_login

HEAD = ("kuznetsov", "Андрей Кузнецов")
MANAGERS = (
    ("ivanova", "Мария Иванова"),
    ("petrov", "Дмитрий Петров"),
    ("smirnova", "Елена Смирнова"),
)


def _user(ctx: DemoContext, login: str, name: str, role: UserRole) -> UserOut:
    existing = ctx.store.users.by_login(login)
    if existing is not None:
        return existing
    return ctx.store.users.add(login, name, role)


def create_team(ctx: DemoContext) -> DemoTeam:
    """The users, reusing any that exist (the app makes its first user admin on start)."""
    users = ctx.store.users
    admins = [u for u in users.list(active_only=True) if u.role == "admin"]
    login = os_login()
    admin = next((u for u in admins if u.login == login), None) or (admins[0] if admins else None)
    if admin is None:
        ctx.store.ctx.user = None
        admin = users.add(login, os_display_name(login), "admin")
    ctx.act(admin)
    head = _user(ctx, *HEAD, "head_of_sales")
    managers = [_user(ctx, login, name, "manager") for login, name in MANAGERS]
    ctx.team = DemoTeam(admin=admin, head=head, managers=managers)
    return ctx.team
