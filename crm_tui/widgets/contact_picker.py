"""Choose a contact for a record: the client's current people first, everyone one key away.

Most participants of a deal work for its client, so the picker opens on them and filters
them as you type; a consultant or a person from a partner company is found by switching to
all contacts (searched in the database by name or e-mail). People who already take part
are left out.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from crm_tui.i18n import _
from crm_tui.screens.base import StoreCalls
from crm_tui.widgets.text import plain

Scope = Literal["client", "all"]


def _folded(value: str | None) -> str:
    return (value or "").casefold().replace("ё", "е")


@dataclass(frozen=True)
class PickedContact:
    id: int
    name: str


class ContactPicker(StoreCalls, Vertical):
    """A search box over a list of contacts; Enter picks the highlighted one."""

    HELP = _(
        "Type part of a name to narrow the list; Up and Down move, Enter picks. The list "
        "shows the client's current people; Ctrl+T switches to all contacts and back."
    )
    help_title = _("Contact picker")

    DEFAULT_CSS = """
    ContactPicker { height: auto; }
    ContactPicker > #picker-scope { color: $text-muted; padding: 0 0 0 1; }
    ContactPicker > OptionList { height: auto; max-height: 12; margin: 1 0 0 0; }
    ContactPicker > #picker-empty { color: $text-muted; padding: 1 1 0 1; }
    """
    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    scope: reactive[Scope] = reactive("client", init=False)

    class Picked(Message):
        def __init__(self, picker: ContactPicker, contact: PickedContact) -> None:
            super().__init__()
            self.picker = picker
            self.contact = contact

        @property
        def control(self) -> ContactPicker:
            return self.picker

    def __init__(self, client_id: int, client_name: str, *, taken: Collection[int] = (),
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.client_id = client_id
        self.client_name = client_name
        self.taken = set(taken)
        self._people: list[tuple[int, str, str | None]] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="picker-scope")
        yield Input(placeholder=_("Name…"), id="picker-search")
        yield OptionList(id="picker-options")
        yield Label("", id="picker-empty")

    # -- typed accessors -------------------------------------------------------------------
    @property
    def search(self) -> Input:
        return self.query_one("#picker-search", Input)

    @property
    def options(self) -> OptionList:
        return self.query_one("#picker-options", OptionList)

    def on_mount(self) -> None:
        self._show_scope()
        self.load()

    # -- loading ---------------------------------------------------------------------------
    def watch_scope(self) -> None:
        self._show_scope()
        self.load()

    def toggle_scope(self) -> None:
        self.scope = "all" if self.scope == "client" else "client"

    def _show_scope(self) -> None:
        text = (_("People of {client} now · Ctrl+T: all contacts", client=self.client_name)
                if self.scope == "client" else
                _("All contacts · Ctrl+T: only people of {client}", client=self.client_name))
        self.query_one("#picker-scope", Label).update(plain(text))

    def load(self) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        if self.scope == "client":
            self.call_store(store.contacts.contacts_of_client, self.client_id,
                            include_ended=False, done=self._client_people, group="picker")
        else:
            text = self.search.value.strip() or None
            self.call_store(store.contacts.page, search=text, done=self._everyone,
                            group="picker")

    def _client_people(self, page) -> None:  # type: ignore[no-untyped-def]
        self._people = [(a.contact_id, a.contact_name, a.position) for a in page.items]
        self._fill()

    def _everyone(self, page) -> None:  # type: ignore[no-untyped-def]
        if self.scope != "all":
            return
        self._people = [(c.id, c.full_name, c.position) for c in page.items]
        self._fill()

    def _fill(self) -> None:
        typed = _folded(self.search.value.strip())
        shown = [
            (cid, name, position) for cid, name, position in self._people
            if cid not in self.taken
            and (self.scope == "all" or not typed or typed in _folded(name)
                 or typed in _folded(position))
        ]
        self.options.set_options(Option(self._prompt(name, position), id=str(cid))
                                 for cid, name, position in shown)
        self.options.highlighted = 0 if shown else None
        empty = self.query_one("#picker-empty", Label)
        empty.display = not shown
        if not shown:
            empty.update(_("Nobody found. Ctrl+T: search all contacts · Ctrl+N: new contact")
                         if self.scope == "client" else
                         _("Nobody found. Ctrl+N: new contact"))

    @staticmethod
    def _prompt(name: str, position: str | None) -> Text:
        text = plain(name)
        if position:
            text.append("  ")
            text.append_text(plain(position, style="dim"))
        return text

    @on(Input.Changed, "#picker-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self.scope == "client":
            self._fill()
        else:
            self.load()

    # -- picking ---------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        if step > 0:
            self.options.action_cursor_down()
        else:
            self.options.action_cursor_up()

    @on(Input.Submitted, "#picker-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.options.highlighted
        if index is not None:
            self._pick(self.options.get_option_at_index(index))

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option)

    def _pick(self, option: Option) -> None:
        if option.id is None:
            return
        name = next((n for cid, n, _p in self._people if str(cid) == option.id), "")
        self.post_message(self.Picked(self, PickedContact(int(option.id), name)))
