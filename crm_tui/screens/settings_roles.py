"""Settings: the contact-role catalogue, which an admin edits and the config file keeps.

Seed 000 asks every company to tune its own list of roles. Each change is saved at once to
the configuration file the app was started with, and the database's mirror of the list is
re-synced, so every screen sees the new catalogue straight away. A role in use is never
removed silently: the admin chooses whether its assignments stay (the role is deactivated)
or go with it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from crm_tui.app import DataChanged
from crm_tui.config import RoleConfig
from crm_tui.formatting import format_number
from crm_tui.i18n import N_, _
from crm_tui.schemas.roles import CatalogueSaved, RoleOut, RoleUsage
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.role_dialogs import ChoiceDialog
from crm_tui.screens.role_form import RoleFormDialog
from crm_tui.screens.status import show_status
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.table import Table
from crm_tui.widgets.text import plain

EDITS = {"new_role", "edit_role", "toggle_key", "remove_role"}


def shown_path(path: Path | None) -> str:
    """The config file's path with the home directory as ~, as people write it."""
    if path is None:
        return ""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


class RoleCatalogueScreen(CrmScreen):
    """The roles of the catalogue with how much each is used; admins edit them here."""

    CSS_PATH = "settings_roles.tcss"
    HELP = _(
        "The contact roles people can play in deals, contracts and tickets. Key roles (★) "
        "are the ones every deal should have. Changes are saved to the configuration file "
        "at once. Only an admin may change the list."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("settings_roles.new", "n", "new_role", N_("settings"), N_("New role"),
                   show=True),
        UserAction("settings_roles.edit", "e", "edit_role", N_("settings"), N_("Rename"),
                   show=True),
        UserAction("settings_roles.key", "k", "toggle_key", N_("settings"),
                   N_("Key role on/off"), show=True),
        UserAction("settings_roles.remove", "delete", "remove_role", N_("settings"),
                   N_("Remove the role"), show=True),
        UserAction("settings_roles.refresh", "ctrl+r", "refresh", N_("settings"),
                   N_("Refresh")),
    ]
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#role-table"

    def __init__(self) -> None:
        super().__init__()
        self.usage: dict[str, RoleUsage] = {}
        self.inactive: list[RoleOut] = []

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label(_("Contact roles"), classes="section-title", id="catalogue-title")
        yield Label("", id="catalogue-file", classes="count")
        yield Label("", id="catalogue-note")
        yield Table(id="role-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    @property
    def table(self) -> Table:
        return self.query_one("#role-table", Table)

    @property
    def config_path(self) -> Path | None:
        return getattr(self.app, "config_path", None)

    @property
    def is_admin(self) -> bool:
        user = self.store.user
        return bool(user and user.role == "admin" and not self.store.ctx.readonly)

    def on_mount(self) -> None:
        show_status(self, _("Settings"))
        table = self.table
        table.add_column(_("Code"), key="code")
        table.add_column(_("Name (English)"), key="name_en")
        table.add_column(_("Name (Russian)"), key="name_ru")
        table.add_column(_("Key role"), key="key")
        table.add_column(_("In use"), key="usage")
        path = self.config_path
        self.query_one("#catalogue-file", Label).update(
            plain(_("Saved in {path}", path=shown_path(path))) if path else
            Text(_("The app was started without a configuration file: changes cannot be "
                   "saved."))
        )
        note = self.query_one("#catalogue-note", Label)
        note.update(_("Only an admin may change the contact roles."))
        note.display = not self.is_admin
        table.loading = True
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.call_store(self._read, done=self._show, group="catalogue")

    def _read(self) -> tuple[dict[str, RoleUsage], list[RoleOut]]:
        usage = self.store.role_catalogue.usage()
        inactive = [r for r in self.store.participants.catalogue(include_inactive=True)
                    if not r.active and r.code in usage]
        return usage, inactive

    def _show(self, data: tuple[dict[str, RoleUsage], list[RoleOut]]) -> None:
        self.usage, self.inactive = data
        table = self.table
        keep = self.current_code
        table.clear()
        for role in self.roles:
            table.add_row(plain(role.code), plain(role.name_en), plain(role.name_ru),
                          Text("★", style="bold") if role.key else Text(""),
                          self._usage_text(role.code), key=role.code)
        for role in self.inactive:
            table.add_row(plain(role.code, style="dim"), plain(role.name, style="dim"),
                          Text(""), Text(""),
                          Text(_("inactive; kept on {usage}",
                                 usage=str(self._usage_text(role.code))), style="dim"),
                          key=role.code)
        table.measure_now()
        table.loading = False
        codes = [r.code for r in self.roles] + [r.code for r in self.inactive]
        if keep in codes:
            table.move_cursor(row=codes.index(keep))
        self.refresh_bindings()  # the row keys need a configured role under the cursor

    def _usage_text(self, code: str) -> Text:
        usage = self.usage.get(code)
        if usage is None:
            return Text("—")
        return plain(_("{assignments} in {records} records",
                       assignments=format_number(usage.assignments),
                       records=format_number(usage.records)))

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    # -- the catalogue being edited -----------------------------------------------------------
    @property
    def roles(self) -> list[RoleConfig]:
        return list(self.app.settings.roles)  # type: ignore[attr-defined]

    @property
    def current_code(self) -> str | None:
        if self.table.row_count == 0:
            return None
        return self.table.coordinate_to_cell_key(self.table.cursor_coordinate).row_key.value

    def _configured(self, code: str | None) -> RoleConfig | None:
        return next((r for r in self.roles if r.code == code), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action in EDITS and not self.is_admin:
            return False
        if action in {"toggle_key", "remove_role"} and self._configured(self.current_code) is None:
            return False
        return True

    def _save(self, roles: list[RoleConfig], message: Callable[[CatalogueSaved], str],
              drop: tuple[str, ...] = ()) -> None:
        """Save the catalogue; `message` says what happened, given the database's count."""
        def saved(result: tuple[Any, CatalogueSaved]) -> None:
            settings, change = result
            self.app.settings = settings  # type: ignore[attr-defined]
            self.notify(message(change), title=_("Contact roles saved"))
            self.reload()

        self.call_store(self.store.role_catalogue.save, roles, self.config_path,
                        drop_assignments_of=drop, done=saved, group="save")

    # -- actions -------------------------------------------------------------------------------
    def action_refresh(self) -> None:
        self.reload()

    def action_new_role(self) -> None:
        taken = {r.code for r in self.roles} | {r.code for r in self.inactive}

        def created(role: RoleConfig | None) -> None:
            if role is not None:
                self._save([*self.roles, role],
                           lambda _c: _("Role «{name}» added.", name=role.name_en))

        self.app.push_screen(RoleFormDialog(taken=taken), created)

    def action_edit_role(self) -> None:
        code = self.current_code
        role = self._configured(code)
        if role is None:
            old = next((r for r in self.inactive if r.code == code), None)
            if old is None:
                return
            self._reactivate(old)
            return

        def edited(changed: RoleConfig | None) -> None:
            if changed is not None:
                roles = [changed if r.code == changed.code else r for r in self.roles]
                self._save(roles, lambda _c: _("Role «{name}» saved.", name=changed.name_en))

        self.app.push_screen(RoleFormDialog(role), edited)

    def _reactivate(self, old: RoleOut) -> None:
        def edited(role: RoleConfig | None) -> None:
            if role is not None:
                self._save([*self.roles, role],
                           lambda _c: _("Role «{name}» is active again.", name=role.name_en))

        draft = RoleConfig(code=old.code, name_en=old.name, name_ru=old.name)
        self.app.push_screen(RoleFormDialog(draft, title=_("Make the role active again")),
                             edited)

    @on(DataTable.RowSelected, "#role-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.is_admin:
            self.action_edit_role()

    def action_toggle_key(self) -> None:
        role = self._configured(self.current_code)
        if role is None:
            return
        changed = role.model_copy(update={"key": not role.key})
        roles = [changed if r.code == role.code else r for r in self.roles]
        message = (_("«{name}» is a key role now.", name=role.name_en) if changed.key else
                   _("«{name}» is no longer a key role.", name=role.name_en))
        self._save(roles, lambda _c: message)

    def action_remove_role(self) -> None:
        role = self._configured(self.current_code)
        if role is None:
            return
        rest = [r for r in self.roles if r.code != role.code]
        usage = self.usage.get(role.code)

        def answered(answer: str | None) -> None:
            name = role.name_en
            if answer == "remove":
                self._save(rest, lambda _c: _("Role «{name}» removed.", name=name))
            elif answer == "keep":
                kept = format_number(usage.assignments) if usage else "0"
                self._save(rest, lambda _c: _(
                    "Role «{name}» deactivated; assignments kept: {count}.",
                    name=name, count=kept))
            elif answer == "drop":
                self._save(rest, lambda c: _(
                    "Role «{name}» removed with its assignments: {count}.",
                    name=name, count=format_number(c.removed_assignments)),
                    drop=(role.code,))

        if usage is None:
            dialog = ChoiceDialog(
                _("Remove the role «{name}»? Nobody holds it.", name=role.name_en),
                [("remove", _("Remove")), ("cancel", _("Cancel"))])
        else:
            dialog = ChoiceDialog(
                _("Remove the role «{name}»?", name=role.name_en),
                [("keep", _("Keep its assignments and deactivate the role: "
                            "nobody gets it anew")),
                 ("drop", _("Remove it from every record: {count} assignments go",
                            count=format_number(usage.assignments))),
                 ("cancel", _("Cancel"))],
                _("It is in use: {assignments} assignments in {records} records. Say what "
                  "happens to them.", assignments=format_number(usage.assignments),
                  records=format_number(usage.records)),
            )
        self.app.push_screen(dialog, answered)
