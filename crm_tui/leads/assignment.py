"""Choosing the responsible for a new lead (seed 004, process 4).

The strategy is the team's choice (`settings.process.assignment_strategy`):

* "usual_manager" — the manager who already serves the client this person works for. If
  that manager is overloaded (more open deals than the configured limit) or gone, the head
  of sales decides: no owner, and a reason the head can act on.
* "round_robin" — the "revolver": the next active manager after the one who got the last
  lead, in a fixed order, so every run over the same data gives the same answer.
* "manual" — the head of sales assigns every lead by hand.

The store gathers the facts (who works with the contact, how loaded they are, who got the
last lead) and stores the answer; this module only decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crm_tui.i18n import N_, _

NO_USUAL_MANAGER = N_("No manager works with this person yet; the head of sales assigns the lead.")
OVERLOADED = N_(
    "{name}, who usually serves {client}, has {count} open deals (the limit is {limit}); "
    "the head of sales decides who takes the lead."
)
INACTIVE = N_(
    "{name}, who usually serves {client}, is no longer active; the head of sales assigns "
    "the lead."
)
NO_MANAGERS = N_("There is no active manager to take turns; the head of sales assigns the lead.")
MANUAL = N_("Leads are assigned by the head of sales.")


@dataclass(frozen=True)
class UsualManager:
    """The owner of a client the lead's contact works for, with their current load."""

    user_id: int
    name: str
    client_name: str
    open_deals: int
    active: bool = True


@dataclass(frozen=True)
class Assignment:
    """Who takes the lead; `owner_id` None means the head of sales decides, for `reason`."""

    owner_id: int | None
    reason: str | None = None


def by_usual_manager(usual: UsualManager | None, max_open_deals: int) -> Assignment:
    if usual is None:
        return Assignment(None, _(NO_USUAL_MANAGER))
    if not usual.active:
        return Assignment(None, _(INACTIVE, name=usual.name, client=usual.client_name))
    if usual.open_deals > max_open_deals:
        return Assignment(
            None,
            _(OVERLOADED, name=usual.name, client=usual.client_name, count=usual.open_deals,
              limit=max_open_deals),
        )
    return Assignment(usual.user_id)


def next_in_turn(managers: Sequence[int], last_assigned: int | None) -> int | None:
    """The manager after `last_assigned` in id order, wrapping round; None if there is none.

    Ordering by id (the order people joined) rather than by name keeps the turn stable when
    someone is renamed; a manager who left drops out and the turn skips past their place.
    """
    ordered = sorted(set(managers))
    if not ordered:
        return None
    if last_assigned is None:
        return ordered[0]
    for user_id in ordered:
        if user_id > last_assigned:
            return user_id
    return ordered[0]


def by_round_robin(managers: Sequence[int], last_assigned: int | None) -> Assignment:
    owner = next_in_turn(managers, last_assigned)
    return Assignment(owner, None if owner is not None else _(NO_MANAGERS))


def choose_owner(
    strategy: str,
    *,
    usual: UsualManager | None = None,
    max_open_deals: int = 0,
    managers: Sequence[int] = (),
    last_assigned: int | None = None,
) -> Assignment:
    """The owner of a new lead under `strategy` (see the module docstring)."""
    if strategy == "usual_manager":
        return by_usual_manager(usual, max_open_deals)
    if strategy == "round_robin":
        return by_round_robin(managers, last_assigned)
    return Assignment(None, _(MANUAL))
