"""Search hits grouped by kind of record, each group with a "more" line while more exist."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from crm_tui.i18n import N_, _
from crm_tui.schemas.search import SEARCH_KINDS, SearchHit, SearchKind
from crm_tui.widgets.record_text import money, phone, stage_name
from crm_tui.widgets.text import plain

GROUP_TITLES = {"client": N_("Clients"), "counterparty": N_("Counterparties"),
                "contact": N_("Contacts"), "deal": N_("Deals")}
MATCH_LABELS = {"inn": N_("INN"), "ogrn": N_("OGRN"), "phone": N_("Phone"),
                "email": N_("E-mail")}

Groups = Mapping[SearchKind, tuple[Sequence[SearchHit], tuple | None]]


def hit_text(hit: SearchHit, settings) -> Text:  # type: ignore[no-untyped-def]
    """One line: the record's name, then the facts that tell it apart, dimmed."""
    details: list[Text] = []
    if hit.matched_field in ("inn", "ogrn", "email"):
        details.append(plain(f"{_(MATCH_LABELS[hit.matched_field])} {hit.matched}"))
    if hit.kind == "client":
        details += [plain(hit.segment), plain(hit.owner_name)]
    elif hit.kind == "counterparty":
        details.append(plain(hit.legal_form))
        if hit.matched_field != "inn" and hit.inn:
            details.append(plain(f"{_('INN')} {hit.inn}"))
        details.append(plain(hit.client_name))
    elif hit.kind == "contact":
        details += [plain(hit.position), phone(settings, hit.phone)]
        if hit.matched_field != "email":
            details.append(plain(hit.email))
    else:
        details += [plain(hit.client_name), stage_name(settings, hit.pipeline, hit.stage),
                    money(hit.amount, hit.currency)]
    if hit.archived:
        details.append(Text(_("archived")))
    line = Text("  ")
    line.append_text(plain(hit.title, style="bold"))
    for detail in details:
        if detail.plain:
            line.append("  ·  ", style="dim")
            line.append_text(Text(detail.plain, style="dim"))
    return line


def hit_id(hit: SearchHit) -> str:
    return f"hit:{hit.kind}:{hit.id}"


def more_id(kind: SearchKind) -> str:
    return f"more:{kind}"


class SearchResultList(OptionList):
    """Enter opens the highlighted record; on a "more" line it fetches the next hits."""

    HELP = _(
        "Search results, grouped by clients, counterparties, contacts and deals. Up and "
        "down move; enter opens the record, or on a \"more\" line loads more of that group."
    )

    def __init__(self, settings, *, id: str | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(id=id)
        self._settings = settings
        self.hits: dict[str, SearchHit] = {}

    def show(self, groups: Groups) -> None:
        """Replace the list, keeping the highlight on the same record when it is still here."""
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        options: list[Option] = []
        self.hits = {}
        for kind in SEARCH_KINDS:
            hits, after = groups.get(kind, ((), None))
            if not hits:
                continue
            options.append(Option(Text(_(GROUP_TITLES[kind]), style="bold"), id=f"group:{kind}",
                                  disabled=True))
            for hit in hits:
                option_id = hit_id(hit)
                if option_id in self.hits:
                    continue
                self.hits[option_id] = hit
                options.append(Option(hit_text(hit, self._settings), id=option_id))
            if after is not None:
                options.append(Option(Text("  " + _("More…"), style="italic"),
                                      id=more_id(kind)))
        self.set_options(options)
        if keep is not None and any(o.id == keep for o in options):
            self.highlighted = self.get_option_index(keep)
        else:
            self.highlight_first()

    def highlight_first(self) -> None:
        for index, option in enumerate(self.options):
            if not option.disabled:
                self.highlighted = index
                return
        self.highlighted = None
