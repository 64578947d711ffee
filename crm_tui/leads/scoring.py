"""Lead scoring: rank leads by value so the best are handled first (seed 004, process 2).

A score is 0–100, built from parts a manager can read on the lead card: where the lead came
from, whether a company is named, and how complete the contact data is. A lead whose phone
or e-mail belongs to a contact already marked as junk or as a competitor "needs no time at
all": it scores 0 and is junk from the start, whatever else it has.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from crm_tui.i18n import N_, SUPPORTED, _, catalogue

#: Lead sources the forms offer, with their names; an import may bring any other text.
SOURCE_NAMES: dict[str, str] = {
    "referral": N_("Referral"),
    "exhibition": N_("Exhibition"),
    "website": N_("Website"),
    "call": N_("Incoming call"),
    "email": N_("Incoming e-mail"),
    "advertising": N_("Advertising"),
    "cold": N_("Cold call"),
    "other": N_("Other"),
}

#: Points per source: a referral or a visitor at the stand has asked for us by name, a
#: cold-call list has not.
SOURCE_WEIGHTS: dict[str, int] = {
    "referral": 40,
    "exhibition": 35,
    "website": 30,
    "call": 30,
    "email": 20,
    "advertising": 20,
    "cold": 5,
    "other": 10,
}
#: A source typed by hand or brought by an import that no weight is known for.
UNKNOWN_SOURCE_POINTS = 10
COMPANY_POINTS = 25
PHONE_POINTS = 15
EMAIL_POINTS = 10
#: Both a phone and an e-mail: the lead can be reached however the client prefers.
COMPLETE_CONTACT_POINTS = 10
MAX_SCORE = 100

SOURCE_PART = N_("Source: {source}")
COMPANY_PART = N_("A company is named")
PHONE_PART = N_("Phone given")
EMAIL_PART = N_("E-mail given")
COMPLETE_PART = N_("Phone and e-mail both given")
JUNK_PART = N_("Known as {what}: {name}")

JUNK_KINDS: dict[str, str] = {
    "junk": N_("junk"),
    "competitor": N_("a competitor"),
}


@dataclass(frozen=True)
class KnownJunk:
    """A known record the lead's phone or e-mail belongs to, marked junk or competitor."""

    name: str
    kind: str = "junk"  # "junk" or "competitor"


@dataclass(frozen=True)
class LeadFacts:
    """What the score depends on; the store fills it from the form and the database."""

    source: str | None = None
    company: str | None = None
    phone: str | None = None
    email: str | None = None
    known_junk: KnownJunk | None = None


@dataclass(frozen=True)
class ScorePart:
    points: int
    label: str


@dataclass(frozen=True)
class LeadScore:
    score: int
    junk: bool
    parts: tuple[ScorePart, ...]


def source_name(source: str | None) -> str:
    """A known source by its translated name; anything else as it was typed."""
    if source is None:
        return ""
    return _(SOURCE_NAMES[source]) if source in SOURCE_NAMES else source


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def source_code(source: str | None) -> str | None:
    """The known source a typed or imported one names, in any language the app speaks.

    "Сайт" and "website" are the website; "Выставка «Иннопром»" is an exhibition (a known
    name followed by more words). The stored text is kept as it was, with its detail; only
    the weight comes from the code.
    """
    if not source:
        return None
    if source in SOURCE_NAMES:
        return source
    folded = _fold(source)
    for code, name in SOURCE_NAMES.items():
        for lang in SUPPORTED:
            variant = _fold(catalogue(lang).get(name, name))
            if folded == variant or folded.startswith(variant + " "):
                return code
    return None


def source_points(source: str | None, weights: Mapping[str, int] = SOURCE_WEIGHTS) -> int:
    if not source:
        return 0
    code = source_code(source)
    return weights.get(code, UNKNOWN_SOURCE_POINTS) if code else UNKNOWN_SOURCE_POINTS


def score_lead(facts: LeadFacts, weights: Mapping[str, int] = SOURCE_WEIGHTS) -> LeadScore:
    """The lead's score and its parts; a known junk or competitor contact makes it 0 and junk."""
    if facts.known_junk is not None:
        what = _(JUNK_KINDS.get(facts.known_junk.kind, JUNK_KINDS["junk"]))
        label = _(JUNK_PART, what=what, name=facts.known_junk.name)
        return LeadScore(0, True, (ScorePart(0, label),))
    parts: list[ScorePart] = []
    if facts.source:
        parts.append(
            ScorePart(source_points(facts.source, weights),
                      _(SOURCE_PART, source=source_name(facts.source)))
        )
    if facts.company:
        parts.append(ScorePart(COMPANY_POINTS, _(COMPANY_PART)))
    if facts.phone:
        parts.append(ScorePart(PHONE_POINTS, _(PHONE_PART)))
    if facts.email:
        parts.append(ScorePart(EMAIL_POINTS, _(EMAIL_PART)))
    if facts.phone and facts.email:
        parts.append(ScorePart(COMPLETE_CONTACT_POINTS, _(COMPLETE_PART)))
    total = max(0, min(MAX_SCORE, sum(p.points for p in parts)))
    return LeadScore(total, False, tuple(parts))
