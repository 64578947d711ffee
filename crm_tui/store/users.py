"""CRM users and the mapping from the operating-system login to one of them."""

from __future__ import annotations

import os
import pwd

from sqlalchemy import func, select

from crm_tui.i18n import _
from crm_tui.schemas.common import UserOut, UserRole
from crm_tui.store.base import Repository
from crm_tui.store.errors import InvalidInput, PermissionDenied, StoreError
from crm_tui.store.models import User
from crm_tui.validation import clean_text


class UnknownUser(StoreError):
    """The OS login has no CRM user and read-only access is not configured."""


def os_login() -> str:
    """The login of the process owner: the uid's passwd entry, not the USER variable."""
    return pwd.getpwuid(os.getuid()).pw_name


def os_display_name(login: str) -> str:
    try:
        gecos = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
    except KeyError:
        gecos = ""
    return gecos or login


def _out(user: User) -> UserOut:
    return UserOut.model_validate(user)


class UserRepository(Repository):
    kind_name = "user"

    def sign_in(self, login: str) -> tuple[UserOut | None, bool]:
        """The CRM user for `login` and whether access is read-only.

        The first user of an empty database becomes its admin; an unknown login is refused
        unless the configuration grants unknown users read-only access.
        """
        with self.ctx.db.write() as session:
            user = session.scalars(select(User).where(User.login == login)).first()
            if user is not None:
                if not user.active:
                    raise UnknownUser(
                        _("The CRM user {login} is deactivated; ask an admin.", login=login)
                    )
                return _out(user), False
            if session.scalar(select(func.count()).select_from(User)) == 0:
                user = User(login=login, display_name=os_display_name(login), role="admin")
                session.add(user)
                session.flush()
                return _out(user), False
        if self.ctx.settings.readonly_unknown_users:
            return None, True
        raise UnknownUser(
            _(
                "Your login {login} is not a user of this CRM. Ask an admin to add you "
                "(`crm-tui user add {login}`).",
                login=login,
            )
        )

    def add(self, login: str, display_name: str, role: UserRole = "manager") -> UserOut:
        if self.ctx.user is not None:
            self.require_admin(_("add users"))
        login = clean_text(login)
        if not login or any(ch.isspace() for ch in login):
            raise InvalidInput("login", _("A login is one word without spaces."))
        with self.write() as session:
            if session.scalars(select(User).where(User.login == login)).first():
                raise InvalidInput("login", _("The login {login} is taken.", login=login))
            user = User(login=login, display_name=clean_text(display_name) or login, role=role)
            session.add(user)
            session.flush()
            return _out(user)

    def set_role(self, user_id: int, role: UserRole) -> UserOut:
        self.require_admin(_("change roles"))
        with self.write() as session:
            user = self.load(session, User, user_id)
            if user.id == self.user.id and role != "admin":
                raise PermissionDenied(_("You cannot take the admin role from yourself."))
            user.role = role
            session.flush()
            return _out(user)

    def set_active(self, user_id: int, active: bool) -> UserOut:
        self.require_admin(_("deactivate users"))
        with self.write() as session:
            user = self.load(session, User, user_id)
            user.active = active
            session.flush()
            return _out(user)

    def list(self, *, active_only: bool = True) -> list[UserOut]:
        """All users: a team is at most a few hundred people, so one query is one page."""
        with self.read() as session:
            stmt = select(User).order_by(User.display_name, User.id)
            if active_only:
                stmt = stmt.where(User.active.is_(True))
            return [_out(u) for u in session.scalars(stmt)]

    def get(self, user_id: int) -> UserOut:
        with self.read() as session:
            return _out(self.load(session, User, user_id))

    def by_login(self, login: str) -> UserOut | None:
        with self.read() as session:
            user = session.scalars(select(User).where(User.login == login)).first()
            return _out(user) if user else None
