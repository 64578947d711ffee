"""The small dialogs of the role panel: pick a contact, tick roles, choose one answer."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList, SelectionList
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from crm_tui.i18n import N_, _
from crm_tui.schemas.roles import RoleOut
from crm_tui.screens.base import CrmModal
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.contact_picker import ContactPicker, PickedContact
from crm_tui.widgets.text import plain


class ContactPickerDialog(CrmModal):
    """Dismisses with the `PickedContact` to add, or None."""

    CSS_PATH = "role_dialogs.tcss"
    HELP = _(
        "Choose who takes part. The list starts with the client's current people; Ctrl+T "
        "searches all contacts, Ctrl+N creates a new contact of this client."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("picker.scope", "ctrl+t", "toggle_scope", N_("contact"),
                   N_("This client / all contacts"), show=True),
        UserAction("picker.new", "ctrl+n", "new_contact", N_("contact"), N_("New contact"),
                   show=True),
    ]
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#picker-search"

    def __init__(self, title: str, client_id: int, client_name: str,
                 taken: Collection[int] = ()) -> None:
        super().__init__()
        self.title_text = title
        self.client_id = client_id
        self.client_name = client_name
        self.taken = taken

    def compose(self) -> ComposeResult:
        with Vertical(classes="role-dialog"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield ContactPicker(self.client_id, self.client_name, taken=self.taken,
                                id="contact-picker")
            yield Label(_("Enter picks · Escape cancels"), classes="dialog-hint")

    @property
    def picker(self) -> ContactPicker:
        return self.query_one(ContactPicker)

    def action_toggle_scope(self) -> None:
        self.picker.toggle_scope()

    def action_new_contact(self) -> None:
        from crm_tui.screens.navigation import new_record

        typed = self.picker.search.value.strip()
        initial = {"full_name": typed} if typed else {}
        new_record(self.app, "contact", on_saved=self._created, client_id=self.client_id,
                   **initial)

    def _created(self, contact) -> None:  # type: ignore[no-untyped-def]
        name = getattr(contact, "full_name", None) or getattr(contact, "name", "")
        self.dismiss(PickedContact(int(contact.id), name))

    @on(ContactPicker.Picked)
    def _picked(self, event: ContactPicker.Picked) -> None:
        self.dismiss(event.contact)


class RolesDialog(CrmModal):
    """Tick the roles one participant plays; dismisses with the role codes, or None."""

    CSS_PATH = "role_dialogs.tcss"
    HELP = _(
        "Space ticks or unticks the highlighted role, Enter saves the ticked ones. Key "
        "roles are marked ★; a deactivated role can only be unticked."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("roles.toggle", "space", "toggle", N_("roles"), N_("Tick / untick"),
                   show=True),
        UserAction("roles.save", "enter", "save", N_("roles"), N_("Save the roles"),
                   show=True, priority=True),
    ]
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#role-choices"

    def __init__(self, title: str, catalogue: Sequence[RoleOut],
                 selected: Iterable[str] = ()) -> None:
        super().__init__()
        self.title_text = title
        chosen = list(selected)
        # Active roles to choose from, plus any deactivated role the participant still has.
        self.roles = [r for r in catalogue if r.active or r.code in chosen]
        self.chosen = set(chosen)

    def compose(self) -> ComposeResult:
        with Vertical(classes="role-dialog"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield SelectionList[str](
                *(Selection(self._prompt(r), r.code, r.code in self.chosen)
                  for r in self.roles),
                id="role-choices",
            )
            yield Label(_("Space ticks · Enter saves · Escape cancels"), classes="dialog-hint")

    @staticmethod
    def _prompt(role: RoleOut) -> Text:
        text = plain(role.name)
        if role.key:
            text.append(" ★", style="bold")
        if not role.active:
            text.append_text(plain(" " + _("(inactive, untick to remove)"), style="dim"))
        return text

    @property
    def choices(self) -> SelectionList[str]:
        return self.query_one("#role-choices", SelectionList)

    def action_toggle(self) -> None:
        self.choices.action_select()

    def action_save(self) -> None:
        ticked = set(self.choices.selected)
        self.dismiss(tuple(r.code for r in self.roles if r.code in ticked))


class ChoiceDialog(CrmModal):
    """A question with a few answers; dismisses with the chosen answer's value, or None."""

    CSS_PATH = "role_dialogs.tcss"
    HELP = _("Up and Down choose an answer, Enter gives it, Escape cancels.")
    AUTO_FOCUS = "#choice-options"

    def __init__(self, question: str, answers: Sequence[tuple[str, str]],
                 detail: str = "", current: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.answers = list(answers)
        self.detail = detail
        self.current = current  # the answer highlighted first (the value in force)

    def compose(self) -> ComposeResult:
        with Vertical(classes="role-dialog"):
            yield Label(plain(self.question), classes="dialog-title")
            if self.detail:
                yield Label(plain(self.detail), classes="dialog-detail")
            options = OptionList(*(Option(plain(label), id=value)
                                   for value, label in self.answers), id="choice-options")
            values = [value for value, _label in self.answers]
            if self.current in values:
                options.highlighted = values.index(self.current)
            yield options
            yield Label(_("Enter chooses · Escape cancels"), classes="dialog-hint")

    @on(OptionList.OptionSelected, "#choice-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
