"""Lead handling without a database: scoring, the choice of the responsible, duplicates,
and which status changes a lead may make."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_tui.leads import status
from crm_tui.leads.assignment import UsualManager, choose_owner, next_in_turn
from crm_tui.leads.duplicates import (
    Candidate,
    company_key,
    company_similarity,
    person_similarity,
    search_stems,
    similar,
)
from crm_tui.leads.scoring import KnownJunk, LeadFacts, score_lead, source_code

FULL = LeadFacts(source="referral", company="ООО Ромашка", phone="+79161234567",
                 email="ivan@romashka.ru")


# -- scoring --------------------------------------------------------------------------------
def test_a_referral_with_company_and_full_contact_data_scores_highest() -> None:
    best = score_lead(FULL)
    assert best.score == 100 and not best.junk
    cold = score_lead(LeadFacts(source="cold", phone="+79161234567"))
    assert cold.score < score_lead(LeadFacts(source="website", phone="+79161234567")).score
    assert best.score > cold.score


def test_each_fact_adds_to_the_score_and_is_explained() -> None:
    bare = score_lead(LeadFacts())
    assert bare.score == 0 and bare.parts == ()
    with_company = score_lead(LeadFacts(company="Альфа"))
    with_both = score_lead(LeadFacts(company="Альфа", phone="+79161234567", email="a@b.ru"))
    assert 0 < with_company.score < with_both.score
    labels = [p.label for p in with_both.parts]
    assert "A company is named" in labels and "Phone and e-mail both given" in labels
    assert sum(p.points for p in with_both.parts) == with_both.score


def test_a_source_typed_by_name_in_either_language_weighs_as_its_kind() -> None:
    assert source_code("Сайт") == source_code("website") == "website"
    assert source_code("Выставка «Иннопром»") == "exhibition"
    assert source_code("Холодный звонок") == "cold"
    assert source_code("Яндекс Директ") is None
    typed = score_lead(LeadFacts(source="Рекомендация"))
    assert typed.score == score_lead(LeadFacts(source="referral")).score


def test_an_unknown_source_counts_a_little() -> None:
    typed = score_lead(LeadFacts(source="a friend of Boris"))
    assert 0 < typed.score < score_lead(LeadFacts(source="referral")).score
    assert typed.parts[0].label == "Source: a friend of Boris"


@pytest.mark.parametrize("kind", ["junk", "competitor"])
def test_a_lead_from_a_known_junk_or_competitor_contact_is_junk_with_score_zero(kind) -> None:  # type: ignore[no-untyped-def]
    facts = LeadFacts(**{**FULL.__dict__, "known_junk": KnownJunk("Пётр Спамов", kind)})
    result = score_lead(facts)
    assert result.junk and result.score == 0
    assert "Пётр Спамов" in result.parts[0].label


@given(
    source=st.one_of(st.none(), st.sampled_from(["referral", "cold", "website", "zzz"])),
    company=st.one_of(st.none(), st.text(min_size=1, max_size=5)),
    phone=st.one_of(st.none(), st.just("+79161234567")),
    email=st.one_of(st.none(), st.just("a@b.ru")),
)
def test_the_score_stays_between_0_and_100(source, company, phone, email) -> None:  # type: ignore[no-untyped-def]
    result = score_lead(LeadFacts(source, company, phone, email))
    assert 0 <= result.score <= 100


# -- assignment ------------------------------------------------------------------------------
def test_usual_manager_takes_the_lead_unless_overloaded() -> None:
    boris = UsualManager(user_id=3, name="Boris", client_name="ООО Ромашка", open_deals=4)
    assert choose_owner("usual_manager", usual=boris, max_open_deals=5).owner_id == 3
    busy = UsualManager(user_id=3, name="Boris", client_name="ООО Ромашка", open_deals=6)
    decision = choose_owner("usual_manager", usual=busy, max_open_deals=5)
    assert decision.owner_id is None
    assert "Boris" in decision.reason and "6 open deals" in decision.reason


def test_usual_manager_who_left_or_unknown_client_leaves_it_to_the_head() -> None:
    gone = UsualManager(user_id=3, name="Boris", client_name="Ромашка", open_deals=0,
                        active=False)
    assert choose_owner("usual_manager", usual=gone, max_open_deals=5).owner_id is None
    unknown = choose_owner("usual_manager", usual=None, max_open_deals=5)
    assert unknown.owner_id is None and "head of sales" in unknown.reason


def test_round_robin_cycles_through_managers_in_a_fixed_order() -> None:
    managers = [7, 3, 5]
    turns, last = [], None
    for _ in range(7):
        last = choose_owner("round_robin", managers=managers, last_assigned=last).owner_id
        turns.append(last)
    assert turns == [3, 5, 7, 3, 5, 7, 3]


def test_round_robin_skips_past_a_manager_who_left() -> None:
    assert next_in_turn([3, 7], last_assigned=5) == 7
    assert next_in_turn([3, 7], last_assigned=9) == 3
    decision = choose_owner("round_robin", managers=[], last_assigned=None)
    assert decision.owner_id is None and decision.reason


def test_manual_strategy_assigns_nobody() -> None:
    decision = choose_owner("manual")
    assert decision.owner_id is None and "head of sales" in decision.reason


# -- duplicates ---------------------------------------------------------------------------------
def test_company_names_match_whatever_the_legal_form_quotes_and_order() -> None:
    assert company_key("ООО «Ромашка»") == "ромашка"
    assert company_similarity('ООО "Ромашка"', "Ромашка ООО") == 100
    assert company_similarity("Ромашка", "Ромашко") >= 85
    assert company_similarity("Ромашка", "Лютик") < 50


def test_person_names_match_in_any_order_and_with_yo() -> None:
    assert person_similarity("Иванов Иван", "Иван Иванов") == 100
    assert person_similarity("Пётр Петров", "Петр Петров") == 100
    assert person_similarity("Иван Петров", "Иван Сидоров") < 85


def test_similar_keeps_close_candidates_best_first() -> None:
    candidates = [Candidate("client", 1, "Лютик"), Candidate("client", 2, "Ромашко"),
                  Candidate("client", 3, "ООО Ромашка")]
    found = similar("ромашка", candidates, company=True)
    assert [m.candidate.id for m in found] == [3, 2]


def test_search_stems_skip_short_words() -> None:
    assert search_stems("ромашка и партнеры") == ["парт", "рома"]
    assert search_stems("и на") == []


# -- status rules --------------------------------------------------------------------------------
def test_status_changes_a_lead_may_make() -> None:
    assert status.can("qualify", "new") and status.can("qualify", "junk")
    assert status.can("convert", "qualified") and status.can("refuse", "new")
    assert not status.can("convert", "converted")
    assert not status.can("qualify", "refused")
    assert status.refusal("convert", "converted") == (
        "A lead with status «Converted» cannot be converted."
    )
    assert status.refusal("qualify", "new") is None


def test_lead_handling_loads_no_ui_library() -> None:
    code = (
        "import sys\n"
        "import crm_tui.leads.scoring, crm_tui.leads.assignment, crm_tui.leads.duplicates\n"
        "import crm_tui.store.leads, crm_tui.schemas.leads\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""
