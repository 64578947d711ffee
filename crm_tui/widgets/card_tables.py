"""The tables on the client and contact cards: legal entities, people, deals, participations.

Each turns a stored record into a row of `Text` cells (never markup); what the rows mean and
what enter does on them is the card's business.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from crm_tui.i18n import N_, _
from crm_tui.schemas.clients import AffiliationOut, CounterpartyOut
from crm_tui.schemas.deals import DealOut
from crm_tui.schemas.people import ClientPerson, Participation
from crm_tui.widgets.paged_table import PagedTable
from crm_tui.widgets.record_text import day, money, phone, role_names, stage_name
from crm_tui.widgets.table import Table
from crm_tui.widgets.text import plain

OUTCOME_NAMES = {"won": N_("won"), "lost": N_("lost")}
RECORD_NAMES = {"deal": N_("Deal"), "contract": N_("Contract"), "ticket": N_("Ticket")}


def _dim(cells: Sequence[Text], dim: bool) -> list[Text]:
    if dim:
        for cell in cells:
            cell.stylize("dim")
    return list(cells)


class CounterpartyTable(Table):
    """The client's legal entities with their requisites; archived ones are dimmed."""

    HELP = _(
        "The client's legal entities (counterparties) with INN, KPP, OGRN and bank details. "
        "Enter edits the highlighted one."
    )
    DEFAULT_CSS = "CounterpartyTable { height: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.items: dict[str, CounterpartyOut] = {}

    def on_mount(self) -> None:
        self.add_columns(_("Name"), _("Form"), _("INN"), _("KPP"), _("OGRN"), _("Bank"),
                         _("BIK"), _("Settlement account"), _("Status"))

    def show(self, counterparties: Sequence[CounterpartyOut]) -> None:
        keep = self.current.id if self.current else None
        self.clear()
        self.items = {str(cp.id): cp for cp in counterparties}
        for cp in counterparties:
            status = Text(_("archived")) if cp.archived else Text("")
            self.add_row(*_dim([plain(cp.name), plain(cp.legal_form), plain(cp.inn),
                                plain(cp.kpp), plain(cp.ogrn), plain(cp.bank_name),
                                plain(cp.bik), plain(cp.settlement_account), status],
                               cp.archived), key=str(cp.id))
        self.measure_now()
        if keep is not None and str(keep) in self.items:
            self.move_cursor(row=self.get_row_index(str(keep)))

    @property
    def current(self) -> CounterpartyOut | None:
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self.items.get(key or "")


def people_table(settings, *, id: str) -> PagedTable[ClientPerson]:  # type: ignore[no-untyped-def]
    """The client's people: current ones first, then those who left (dimmed, with dates)."""

    def row(person: ClientPerson) -> list[Text]:
        others = ", ".join(person.other_clients)
        return _dim([plain(person.full_name), plain(person.position),
                     phone(settings, person.phone), plain(person.email),
                     day(person.started_on), day(person.ended_on), plain(others)],
                    not person.current)

    return PagedTable(
        [("name", _("Full name")), ("position", _("Position")), ("phone", _("Phone")),
         ("email", _("E-mail")), ("since", _("Since")), ("left", _("Left")),
         ("others", _("Also works for"))],
        row, key_of=lambda person: person.affiliation_id, id=id)


def deals_table(settings, *, id: str) -> PagedTable[DealOut]:  # type: ignore[no-untyped-def]
    def row(deal: DealOut) -> list[Text]:
        outcome = _(OUTCOME_NAMES[deal.outcome]) if deal.outcome in OUTCOME_NAMES else ""
        return [plain(deal.title), stage_name(settings, deal.pipeline, deal.stage),
                money(deal.amount, deal.currency), plain(deal.owner_name),
                day(deal.expected_close), plain(outcome)]

    return PagedTable(
        [("title", _("Deal")), ("stage", _("Stage")), ("amount", _("Amount")),
         ("owner", _("Owner")), ("close", _("Expected close")), ("outcome", _("Outcome"))],
        row, id=id)


class AffiliationTable(Table):
    """Every client a contact works or worked for, with the dates of the link."""

    HELP = _("Every client this person works or worked for. Enter opens the client's card.")
    DEFAULT_CSS = "AffiliationTable { height: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.items: dict[str, AffiliationOut] = {}

    def on_mount(self) -> None:
        self.add_columns(_("Client"), _("Position"), _("Since"), _("Left"))

    def show(self, links: Sequence[AffiliationOut]) -> None:
        self.clear()
        self.items = {str(a.id): a for a in links}
        for link in links:
            self.add_row(*_dim([plain(link.client_name), plain(link.position),
                                day(link.started_on), day(link.ended_on)], not link.current),
                         key=str(link.id))
        self.measure_now()


class ParticipationTable(Table):
    """The deals, contracts and tickets a contact takes part in, with their roles there."""

    HELP = _(
        "The deals, contracts and tickets this person takes part in, with the roles they "
        "play in each. Enter opens the record."
    )
    DEFAULT_CSS = "ParticipationTable { height: 1fr; }"

    def __init__(self, settings, *, id: str | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._settings = settings
        self.items: dict[str, Participation] = {}

    def on_mount(self) -> None:
        self.add_columns(_("Record"), _("Title"), _("Client"), _("Roles"), _("Primary"),
                         _("Stage"))

    def show(self, participations: Sequence[Participation]) -> None:
        self.clear()
        self.items = {str(p.id): p for p in participations}
        for p in participations:
            stage = stage_name(self._settings, p.pipeline, p.stage)
            if p.outcome in OUTCOME_NAMES:
                stage = plain(f"{stage.plain} ({_(OUTCOME_NAMES[p.outcome])})")
            self.add_row(plain(_(RECORD_NAMES[p.kind])), plain(p.title), plain(p.client_name),
                         role_names(self._settings, p.roles),
                         Text(_("yes")) if p.primary else Text(""), stage, key=str(p.id))
        self.measure_now()
