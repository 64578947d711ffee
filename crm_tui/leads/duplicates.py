"""Does a new lead look like someone we already know? Fuzzy matching of names and companies.

Exact matches (the same phone in E.164, the same e-mail) are found by the database. People
type company names in many ways — «ООО "Ромашка"», "Ромашка ООО", "ромашка" — and names with
typos, so those are compared here with rapidfuzz after folding case, quotes and legal
forms away. A match is a possible duplicate to show, never a reason to refuse the lead.

The store cannot compare every row in Python, so `search_stems` gives a few short word
beginnings to preselect candidates in SQL; a typo in the first letters of every word is
the one case this misses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

#: Words that say what kind of organisation it is, not which one.
LEGAL_WORDS = frozenset(
    {
        "ооо", "оао", "зао", "пао", "ао", "нко", "ип", "гуп", "муп", "фгуп", "ано", "тоо",
        "чп", "llc", "ltd", "inc", "gmbh", "co", "corp", "компания", "группа", "гк", "тд",
        "торговый", "дом", "завод", "фирма",
    }
)
_PUNCTUATION = re.compile(r"[«»\"'“”„`.,;:!?()\[\]{}/\\|+&*#№-]+")
_SPACES = re.compile(r"\s+")

#: The least similarity (0–100) worth showing as a possible duplicate.
THRESHOLD = 85
STEM_LENGTH = 4
MAX_STEMS = 3


@dataclass(frozen=True)
class Candidate:
    """A known record whose name may be the lead's: kind is "client", "contact" or "lead"."""

    kind: str
    id: int
    name: str


@dataclass(frozen=True)
class FuzzyMatch:
    candidate: Candidate
    similarity: int


def fold(text: str | None) -> str:
    """Case, ё, quotes and punctuation folded away; words single-spaced."""
    folded = (text or "").casefold().replace("ё", "е")
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", folded)).strip()


def company_key(name: str | None) -> str:
    """The part of a company name that tells companies apart: «ООО "Ромашка"» -> "ромашка"."""
    words = [w for w in fold(name).split() if w not in LEGAL_WORDS]
    return " ".join(words) if words else fold(name)


def person_key(name: str | None) -> str:
    return fold(name)


def search_stems(key: str) -> list[str]:
    """Word beginnings to preselect candidates in SQL (`name_key LIKE '%stem%'`).

    Longest words first, as they are the most telling; words shorter than three letters
    ("и", "на") would match half the table.
    """
    words = sorted({w for w in key.split() if len(w) >= 3}, key=lambda w: (-len(w), w))
    return [w[:STEM_LENGTH] for w in words[:MAX_STEMS]]


def company_similarity(a: str | None, b: str | None) -> int:
    """0–100; word order and a missing extra word do not count against a match."""
    ka, kb = company_key(a), company_key(b)
    if not ka or not kb:
        return 0
    return round(fuzz.token_set_ratio(ka, kb))


def person_similarity(a: str | None, b: str | None) -> int:
    """0–100; "Иванов Иван" and "Иван Иванов" are the same person."""
    ka, kb = person_key(a), person_key(b)
    if not ka or not kb:
        return 0
    return round(fuzz.token_sort_ratio(ka, kb))


def similar(
    target: str | None,
    candidates: Iterable[Candidate],
    *,
    company: bool,
    threshold: int = THRESHOLD,
) -> list[FuzzyMatch]:
    """Candidates at least `threshold` similar to `target`, most similar first."""
    if not target:
        return []
    compare = company_similarity if company else person_similarity
    found = [FuzzyMatch(c, compare(target, c.name)) for c in candidates]
    matches = [m for m in found if m.similarity >= threshold]
    return sorted(matches, key=lambda m: (-m.similarity, m.candidate.kind, m.candidate.id))
