"""The floor under each screen: the store calls it makes, timed directly, with no UI at all.

Beside a screen's latency the table shows what its data costs by itself, so a slow figure
says whether to look at the SQL or at the widgets. The calls are the ones the screens make
(see each screen's `on_mount`/`reload`), as the same user, on the same database.

This module also plans the board scenario: which column's top card the store would let
move one stage on, and which it would refuse, asked of the same rule checker `move` uses.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crm_tui.config import Settings
from crm_tui.rules.checker import check_transition
from crm_tui.rules.state import TransitionRequest
from crm_tui.schemas.deals import MoveRequest
from crm_tui.schemas.inbox import INBOX_GROUPS, InboxFilter
from crm_tui.store.errors import RuleViolations
from crm_tui.store.role_reminders import remind_quietly
from crm_tui.store.store import Store, open_store


@dataclass(frozen=True)
class BoardPlan:
    """Where on the manager's board `]` is tried: the column index of a top card the rules
    let move on (`allowed`) and of one they refuse (`refused`), None if there is none."""

    pipeline: str
    stages: tuple[str, ...]
    names: tuple[str, ...]
    allowed: int | None
    allowed_deal: int | None
    refused: int | None
    refused_deal: int | None


def timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def board_plan(store: Store, settings: Settings) -> BoardPlan:
    """Find the columns whose top card (as the board shows it) can and cannot move on."""
    pipeline = settings.pipelines[0]
    user = store.user
    reasons = [r.code for r in settings.lost_reasons]
    allowed = refused = allowed_deal = refused_deal = None
    for index, stage in enumerate(pipeline.stages):
        following = pipeline.next_stage(stage.code)
        if following is None or following.final:  # closing asks for an outcome first
            continue
        page = store.deals.board_page(pipeline.code, stage.code, owner_id=user.id, limit=1)
        if not page.items:
            continue
        deal_id = page.items[0].id
        state = store.deals.state(deal_id)
        violations = check_transition(pipeline, state,
                                      TransitionRequest(target_stage=following.code), reasons)
        if violations and refused is None:
            refused, refused_deal = index, deal_id
        elif not violations and allowed is None:
            allowed, allowed_deal = index, deal_id
    return BoardPlan(pipeline.code, tuple(s.code for s in pipeline.stages),
                     tuple(s.name for s in pipeline.stages), allowed, allowed_deal, refused,
                     refused_deal)


def open_as(url: str, settings: Settings, login: str) -> Store:
    return open_store(url, settings, login=login)


def first_start(url: str, settings: Settings, login: str) -> tuple[float, int]:
    """The once-only work of the first start after seeding (a role-reminder task for every
    old deal without roles): done before timing, so each timed start is an ordinary one;
    seconds taken and reminders made."""
    store = open_as(url, settings, login)
    try:
        started = time.perf_counter()
        made = remind_quietly(store.role_reminders)
        return time.perf_counter() - started, made
    finally:
        store.close()


def start_floor(url: str, settings: Settings, login: str) -> float:
    """What `crm-tui` asks of the database before and for its first screen (the role-reminder
    sweep runs in a worker after the first frame, so it is not part of it)."""
    started = time.perf_counter()
    store = open_as(url, settings, login)
    try:
        user_id = store.user.id
        store.users.list()
        store.clients.segments()
        store.clients.page(owner_id=user_id)
        store.clients.count(owner_id=user_id)
        store.tasks.due_counts()
        return time.perf_counter() - started
    finally:
        store.close()


def search_floor(store: Store, text: str, *, words: bool = True) -> float:
    """The search screen's passes: the indexed prefixes, then (for names, unless `words` is
    False) the whole search again with the later-word pass."""
    def both() -> None:
        store.search.search(text, limit_per_kind=5, words=False)
        if words and store.search.needs_word_pass(text):
            store.search.search(text, limit_per_kind=5)

    return timed(both)


def card_floor(store: Store, client_id: int) -> float:
    def card() -> None:
        store.clients.get(client_id)
        store.clients.missing_important_fields(client_id)
        store.counterparties.of_client(client_id, include_archived=True)
        store.people.of_client(client_id)
        store.deals.of_client(client_id)
        store.tasks.open_for(client_id=client_id)
        store.activities.timeline("client", client_id)

    return timed(card)


def board_floor(store: Store, plan: BoardPlan) -> float:
    user_id = store.user.id

    def board() -> None:
        store.users.list()
        store.deals.stage_summaries(plan.pipeline, owner_id=user_id)
        for stage in plan.stages:
            store.deals.board_page(plan.pipeline, stage, owner_id=user_id)

    return timed(board)


def move_floor(store: Store, plan: BoardPlan) -> float | None:
    """One allowed move with its rule check, triggers and commit; moved back afterwards."""
    if plan.allowed_deal is None or plan.allowed is None:
        return None
    forward = MoveRequest(target_stage=plan.stages[plan.allowed + 1])
    seconds = timed(lambda: store.deals.move(plan.allowed_deal, forward))
    back = MoveRequest(target_stage=plan.stages[plan.allowed])
    try:
        store.deals.move(plan.allowed_deal, back)
    except RuleViolations:
        pass  # stays a stage on; the next plan finds another card
    return seconds


def refusal_floor(store: Store, plan: BoardPlan) -> float | None:
    """A refused move: the same check, a rolled-back transaction and the violations."""
    if plan.refused_deal is None or plan.refused is None:
        return None
    forward = MoveRequest(target_stage=plan.stages[plan.refused + 1])

    def refuse() -> None:
        try:
            store.deals.move(plan.refused_deal, forward)
        except RuleViolations:
            return
        raise RuntimeError(f"deal {plan.refused_deal} moved, but the plan said it would not")

    return timed(refuse)


def inbox_floor(store: Store) -> float:
    def inbox() -> None:
        which = InboxFilter()
        store.tasks.inbox_counts(which)
        for group in INBOX_GROUPS:
            store.tasks.inbox_page(group, which)

    return timed(inbox)
