"""The lead card (`CARDS["lead"]`): the lead's data, how its score is made up, the known
records it may duplicate, and what it became — the client, contact and deal it was
converted into, each opened with enter. The link back is permanent, so from a client's
first deal one can always return to the enquiry it began with.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from crm_tui.app import DataChanged
from crm_tui.formatting import format_number
from crm_tui.i18n import N_, _
from crm_tui.leads.scoring import source_name
from crm_tui.leads.status import status_name
from crm_tui.schemas.leads import LeadCard, LeadOut
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.lead_actions import LEAD_ACTIONS, LeadActions
from crm_tui.screens.lead_text import duplicate_text
from crm_tui.widgets import record_text
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.field_grid import FieldGrid
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.text import plain

LINK_KINDS = {"client": N_("Client"), "contact": N_("Contact"), "deal": N_("Deal")}


class LeadCardScreen(LeadActions, CrmScreen):
    """One lead; escape goes back to where it was opened from."""

    CSS_PATH = "lead_card.tcss"
    HELP = _(
        "One lead: its data and score, the known clients, contacts and leads it may "
        "duplicate, and — once converted — the client, contact and deal it became. Enter on "
        "a line opens that record. The lead keys work here as on the list."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        *LEAD_ACTIONS,
        UserAction("lead_card.refresh", "ctrl+r", "refresh", N_("lead"), N_("Refresh")),
    ]
    BINDINGS = [*CrmScreen.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#lead-links"

    def __init__(self, lead_id: int) -> None:
        super().__init__()
        self.lead_id = lead_id
        self.card: LeadCard | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label("", id="lead-heading")
        with Horizontal(id="lead-body"):
            with VerticalScroll(id="lead-left"):
                yield Label(_("Lead"), classes="section-title")
                yield FieldGrid(id="lead-fields")
                yield Label(_("Score"), classes="section-title")
                yield Static("", id="lead-score")
            with Vertical(id="lead-right"):
                yield Label(_("What it became"), classes="section-title")
                yield OptionList(id="lead-links")
                yield Label(_("Possible duplicates"), classes="section-title")
                yield OptionList(id="lead-duplicates")
        yield KeyFooter()

    @property
    def links(self) -> OptionList:
        return self.query_one("#lead-links", OptionList)

    @property
    def duplicates(self) -> OptionList:
        return self.query_one("#lead-duplicates", OptionList)

    # -- loading ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.query_one(StatusBar).screen_title = _("Lead")
        self.reload()

    def reload(self) -> None:
        self.call_store(self.store.leads.card, self.lead_id, done=self._show, group="lead")

    def _show(self, card: LeadCard) -> None:
        self.card = card
        lead = card.lead
        heading = plain(lead.name, style="bold")
        if lead.company:
            heading.append_text(plain(" · " + lead.company))
        heading.append_text(plain("  " + status_name(lead.status)))
        self.query_one("#lead-heading", Label).update(heading)
        self.query_one("#lead-fields", FieldGrid).show(self._fields(lead))
        self.query_one("#lead-score", Static).update(self._score(card))
        self._fill_links(card)
        self._fill_duplicates(card)
        self.refresh_bindings()

    def _fields(self, lead: LeadOut) -> list[tuple[str, Text]]:
        settings = self.store.settings
        pairs = [
            (_("Status"), plain(status_name(lead.status))),
            (_("Score"), plain(format_number(lead.score))),
            (_("Company"), plain(lead.company)),
            (_("Source"), plain(source_name(lead.source))),
            (_("Phone"), record_text.phone(settings, lead.phone)),
            (_("E-mail"), plain(lead.email)),
            (_("Responsible"), plain(lead.owner_name or _("— nobody —"))),
            (_("Received"), record_text.moment(settings, lead.created_at)),
        ]
        if lead.refusal_reason:
            pairs.append((_("Refusal reason"), plain(lead.refusal_reason)))
        return pairs

    @staticmethod
    def _score(card: LeadCard) -> Text:
        text = Text()
        for line in card.score_lines:
            text.append(f"{line.points:+4d}  ", style="bold")
            text.append_text(plain(line.label))
            text.append("\n")
        text.append(_("Total: {score}", score=card.lead.score), style="bold")
        return text

    def _fill_links(self, card: LeadCard) -> None:
        options = [
            Option(Text.assemble((_(LINK_KINDS[link.kind]) + ": ", "bold"), plain(link.title)),
                   id=f"{link.kind}:{link.id}")
            for link in card.links
        ]
        if not options:
            options = [Option(plain(_("Not converted yet")), disabled=True)]
        self.links.set_options(options)
        self.links.highlighted = 0 if card.links else None

    def _fill_duplicates(self, card: LeadCard) -> None:
        options = [Option(duplicate_text(d), id=f"{d.kind}:{d.id}") for d in card.duplicates]
        if not options:
            options = [Option(plain(_("None found")), disabled=True)]
        self.duplicates.set_options(options)

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        from crm_tui.screens.navigation import open_record

        if event.option.id is None:
            return
        kind, _sep, record_id = event.option.id.partition(":")
        open_record(self.app, kind, int(record_id))

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    def action_refresh(self) -> None:
        self.reload()

    # -- LeadActions --------------------------------------------------------------------------
    def selected_lead(self) -> LeadOut | None:
        return self.card.lead if self.card else None

    def lead_changed(self, lead: LeadOut | None) -> None:
        self.reload()
