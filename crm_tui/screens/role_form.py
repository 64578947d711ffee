"""Add or rename one contact role of the catalogue (admin only, see `settings_roles`)."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label

from crm_tui.config import RoleConfig
from crm_tui.i18n import N_, _
from crm_tui.screens.base import CrmModal
from crm_tui.settings.errors import problem_text
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.form_rows import FieldErrors, field_row


class RoleFormDialog(CrmModal):
    """Dismisses with the `RoleConfig` to save, or None. The code of a role never changes,
    since assignments and stage rules refer to it; only the names and the key mark do."""

    CSS_PATH = "role_dialogs.tcss"
    HELP = _(
        "The code is the role's permanent key (Latin letters, digits and _); the names are "
        "what people see. A key role is one every deal should have: the board and the "
        "report of deals missing key roles look for it."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("role_form.save", "ctrl+s", "save", N_("role"), N_("Save"), show=True,
                   priority=True),
    ]
    BINDINGS = bindings(ACTIONS)

    def __init__(self, role: RoleConfig | None = None, *, taken: Collection[str] = (),
                 title: str | None = None) -> None:
        super().__init__()
        self.role = role
        self.taken = set(taken)
        self.title_text = title or (_("Rename the role") if role else _("New contact role"))
        self.errors = FieldErrors(self, "role")

    def compose(self) -> ComposeResult:
        role = self.role
        with Vertical(classes="role-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield from field_row(
                _("Code"),
                Input(role.code if role else "", placeholder="lawyer", id="role-code",
                      disabled=role is not None),
                self.errors, "code")
            yield from field_row(_("Name (English)"),
                                 Input(role.name_en if role else "", id="role-name-en"),
                                 self.errors, "name_en")
            yield from field_row(_("Name (Russian)"),
                                 Input(role.name_ru if role else "", id="role-name-ru"),
                                 self.errors, "name_ru")
            yield Checkbox(_("Key role: every deal should have it"), role.key if role else False,
                           id="role-key")
            yield from self.errors.slot("")
            yield Label(_("Ctrl+S saves · Escape cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#role-name-en" if self.role else "#role-code", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.errors.clear()
        data = {
            "code": self.query_one("#role-code", Input).value.strip(),
            "name_en": self.query_one("#role-name-en", Input).value.strip(),
            "name_ru": self.query_one("#role-name-ru", Input).value.strip(),
            "key": self.query_one("#role-key", Checkbox).value,
        }
        if self.role is None and data["code"] in self.taken:
            self.errors.show({"code": _("The catalogue has this code already.")})
            return
        try:
            role = RoleConfig.model_validate(data)
        except ValidationError as exc:
            found: dict[str, str] = {}
            for error in exc.errors(include_url=False):
                found.setdefault(str(error["loc"][0]) if error["loc"] else "",
                                 problem_text(error))
            self.errors.show(found)
            return
        self.dismiss(role)
