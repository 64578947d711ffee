"""Pick one record (a client, a contact) by typing part of its name: matches appear below.

The search itself is a callable the screen hands in (a store query returning at most a
handful of `(id, label)` pairs); it runs in a thread worker on every keystroke, the newest
search cancelling the previous one, so the dialog never waits on the database.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from crm_tui.i18n import _
from crm_tui.widgets.text import plain

Search = Callable[[str], list[tuple[int, str]]]


class RecordPicker(Vertical):
    """An input that finds records as you type; enter or a click on a match picks it."""

    HELP = _(
        "Type part of a name to find a record; Down moves into the matches and Enter picks "
        "one (Enter in the box picks the first). Clear the box to unlink the record."
    )
    help_title = _("Record picker")

    DEFAULT_CSS = """
    RecordPicker { height: auto; }
    RecordPicker > OptionList { height: auto; max-height: 6; display: none; }
    RecordPicker.-open > OptionList { display: block; }
    """
    BINDINGS = [Binding("escape", "close_matches", show=False)]

    class Picked(Message):
        """The user picked a record (`record_id`) or cleared the choice (None)."""

        def __init__(self, picker: RecordPicker, record_id: int | None, label: str) -> None:
            super().__init__()
            self.picker = picker
            self.record_id = record_id
            self.label = label

        @property
        def control(self) -> RecordPicker:
            return self.picker

    def __init__(self, search: Search, *, placeholder: str = "", compact: bool = True,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self._search = search
        self._placeholder = placeholder
        self._compact = compact
        self.record_id: int | None = None
        self.label = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self._placeholder, compact=self._compact)
        yield OptionList(compact=self._compact)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def matches(self) -> OptionList:
        return self.query_one(OptionList)

    def choose(self, record_id: int | None, label: str = "") -> None:
        """Show `record_id` as picked (e.g. a link the dialog was opened with)."""
        self.record_id = record_id
        self.label = label if record_id is not None else ""
        self.input.value = self.label
        self.remove_class("-open")

    # -- searching -------------------------------------------------------------------------
    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        if self.record_id is not None and event.value == self.label:
            return  # our own choose() echoing back
        if self.record_id is not None:
            self.record_id = None
            self.label = ""
            self.post_message(self.Picked(self, None, ""))
        if not text:
            self.matches.clear_options()
            self.remove_class("-open")
            return
        self.run_worker(lambda: self._find(text), thread=True, exclusive=True,
                        group="record-picker", exit_on_error=False)

    def _find(self, text: str) -> None:
        worker = get_current_worker()
        try:
            found = self._search(text)
        except Exception as exc:  # shown, not raised: a failed lookup must not kill the app
            if not worker.is_cancelled:
                self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, text, found)

    def _show(self, text: str, found: list[tuple[int, str]]) -> None:
        if self.input.value.strip() != text or self.record_id is not None:
            return  # the user has typed on (or picked) since this search started
        self.matches.set_options(Option(plain(label), id=str(record_id))
                                 for record_id, label in found)
        if not found:
            self.matches.set_options([Option(plain(_("Nothing found")), disabled=True)])
        self.add_class("-open")
        self.matches.highlighted = 0 if found else None

    # -- picking ---------------------------------------------------------------------------
    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key == "down" and self.input.has_focus and self.has_class("-open"):
            event.stop()
            self.matches.focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.has_class("-open") and self.matches.option_count:
            first = self.matches.get_option_at_index(self.matches.highlighted or 0)
            if not first.disabled:
                self._pick(first)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option)
        self.input.focus()

    def _pick(self, option: Option) -> None:
        if option.id is None:
            return
        label = str(option.prompt)
        self.choose(int(option.id), label)
        self.post_message(self.Picked(self, self.record_id, label))

    def action_close_matches(self) -> None:
        if not self.has_class("-open"):
            raise SkipAction()  # let escape close the dialog as usual
        self.remove_class("-open")
        self.input.focus()
