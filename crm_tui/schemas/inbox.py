"""What the task inbox asks the store for: whose tasks, which of them, in which group."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict

from crm_tui.schemas.common import InputModel, TaskType
from crm_tui.schemas.work import TaskOut

InboxGroup = Literal["overdue", "today", "tomorrow", "week", "later", "done"]
INBOX_GROUPS: tuple[InboxGroup, ...] = ("overdue", "today", "tomorrow", "week", "later", "done")

#: The kind of record a task is about; a deal's task is about the deal even though the
#: store also fills in the deal's client, so "client" means a task on the client alone.
LinkKind = Literal["client", "contact", "deal"]


class InboxFilter(InputModel):
    """Whose tasks and which of them. Managers may only ask for their own; the store checks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    assignee_id: int | None = None  # None: the signed-in user
    everyone: bool = False  # the whole team (head of sales and admin only)
    kind: TaskType | None = None
    link: LinkKind | None = None


def primary_link(task: TaskOut) -> tuple[LinkKind, int] | None:
    """The record a task is about, most specific first: its deal, else contact, else client."""
    if task.deal_id is not None:
        return "deal", task.deal_id
    if task.contact_id is not None:
        return "contact", task.contact_id
    if task.client_id is not None:
        return "client", task.client_id
    return None
