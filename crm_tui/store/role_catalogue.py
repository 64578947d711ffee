"""The admin's edits of the contact-role catalogue: what each role is used for, and saving.

The catalogue lives in the TOML configuration; the database mirrors it (`catalogue.py`).
Saving writes the file first and then, in one transaction, removes the assignments the
admin chose to drop and re-syncs the mirror: if the database step fails the file already
says what the admin wanted, and the next start re-syncs from it, losing nothing that was
meant to stay (a role left out of the file is only deactivated, its assignments kept).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import func, select

from crm_tui.config import RoleConfig, Settings, save_settings
from crm_tui.i18n import _
from crm_tui.schemas.roles import CatalogueSaved, RoleUsage
from crm_tui.settings.errors import describe_validation_error
from crm_tui.store.base import Repository
from crm_tui.store.catalogue import sync_catalogue
from crm_tui.store.errors import InvalidInput
from crm_tui.store.models import ContactRole, Participation, RoleAssignment


class RoleCatalogueRepository(Repository):
    kind_name = "record"

    def usage(self) -> dict[str, RoleUsage]:
        """Per role code: how many assignments it has and in how many records."""
        with self.read() as session:
            rows = session.execute(
                select(
                    ContactRole.code,
                    func.count(RoleAssignment.id),
                    # A participation points at exactly one record; NULLs are not counted.
                    func.count(func.distinct(Participation.deal_id))
                    + func.count(func.distinct(Participation.contract_id))
                    + func.count(func.distinct(Participation.ticket_id)),
                )
                .join(RoleAssignment, RoleAssignment.role_id == ContactRole.id)
                .join(Participation, Participation.id == RoleAssignment.participation_id)
                .group_by(ContactRole.code)
            ).all()
        return {code: RoleUsage(code=code, assignments=n, records=r) for code, n, r in rows}

    def proposed(self, roles: Sequence[RoleConfig]) -> Settings:
        """The settings with `roles` as the catalogue, validated as a whole (stage rules
        may name roles); `InvalidInput` says what is wrong."""
        data = self.ctx.settings.model_dump(mode="json")
        data["roles"] = [r.model_dump(mode="json") for r in roles]
        try:
            return Settings.model_validate(data)
        except ValidationError as exc:
            raise InvalidInput(
                "roles", "\n".join(describe_validation_error(exc, data))
            ) from None

    def save(
        self,
        roles: Sequence[RoleConfig],
        path: Path | None,
        *,
        drop_assignments_of: Iterable[str] = (),
    ) -> tuple[Settings, CatalogueSaved]:
        """Make `roles` the catalogue: write the config file, then update the database.

        Roles missing from `roles` are deactivated; those named in `drop_assignments_of`
        also lose every assignment. Returns the new settings (the caller hands them to the
        app) and what changed in the database.
        """
        self.require_admin(_("change the contact roles"))
        if path is None:
            raise InvalidInput(None, _("The app was started without a configuration file, "
                                       "so the role catalogue cannot be saved."))
        settings = self.proposed(roles)
        kept = {r.code for r in roles}
        dropped = [c for c in dict.fromkeys(drop_assignments_of) if c not in kept]
        save_settings(settings, path)
        with self.write() as session:
            before = {r.code for r in session.scalars(
                select(ContactRole).where(ContactRole.active.is_(True)))}
            removed = 0
            if dropped:
                # One by one through the ORM, so the audit log records every removal.
                for assignment in session.scalars(
                    select(RoleAssignment).join(ContactRole).where(ContactRole.code.in_(dropped))
                ):
                    session.delete(assignment)
                    removed += 1
            sync_catalogue(session, settings)
            session.flush()
        self.ctx.settings = settings
        result = CatalogueSaved(removed_assignments=removed,
                                deactivated=tuple(sorted(before - kept)))
        return settings, result
