"""Which way a lead may go: the status rules every screen and import obey.

A lead starts `new`; qualifying makes it ready to contact; junk and refused leads are off
the table; a converted lead became a client and is never changed again. A junk lead may be
qualified after all (someone marked it by mistake); a refused or converted one is history.
"""

from __future__ import annotations

from typing import Literal

from crm_tui.i18n import N_, _

LeadStatus = Literal["new", "qualified", "junk", "converted", "refused"]
LeadAction = Literal["qualify", "junk", "refuse", "convert"]

STATUSES: tuple[LeadStatus, ...] = ("new", "qualified", "junk", "refused", "converted")
OPEN_STATUSES: tuple[LeadStatus, ...] = ("new", "qualified")

STATUS_NAMES: dict[str, str] = {
    "new": N_("New"),
    "qualified": N_("Ready to contact"),
    "junk": N_("Junk"),
    "refused": N_("Refused"),
    "converted": N_("Converted"),
}

#: The statuses an action may start from, and the status it leads to.
ALLOWED_FROM: dict[LeadAction, tuple[LeadStatus, ...]] = {
    "qualify": ("new", "junk"),
    "junk": ("new", "qualified"),
    "refuse": ("new", "qualified"),
    "convert": ("new", "qualified"),
}
RESULT: dict[LeadAction, LeadStatus] = {
    "qualify": "qualified",
    "junk": "junk",
    "refuse": "refused",
    "convert": "converted",
}

_REFUSALS: dict[LeadAction, str] = {
    "qualify": N_("A lead with status «{status}» cannot be qualified."),
    "junk": N_("A lead with status «{status}» cannot be marked as junk."),
    "refuse": N_("A lead with status «{status}» cannot be refused."),
    "convert": N_("A lead with status «{status}» cannot be converted."),
}


def status_name(status: str) -> str:
    """The translated name of a status (an unknown code is shown as it is)."""
    return _(STATUS_NAMES[status]) if status in STATUS_NAMES else status


def can(action: LeadAction, status: str) -> bool:
    return status in ALLOWED_FROM[action]


def refusal(action: LeadAction, status: str) -> str | None:
    """Why `action` is not possible on a lead in `status`, or None when it is."""
    if can(action, status):
        return None
    return _(_REFUSALS[action], status=status_name(status))
