"""`crm-tui remind`: the start-up sweep of role reminders, run by cron on big installations."""

from __future__ import annotations

import datetime as dt

from crm_tui.schemas.clients import ClientIn
from crm_tui.schemas.deals import DealIn
from crm_tui.store.store import open_store
from tests.test_cli import run_cli


def test_remind_makes_the_due_reminders_once_and_says_how_many(sqlite_url, settings) -> None:
    week_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=7)
    store = open_store(sqlite_url, settings, login="anna", clock=lambda: week_ago)
    try:
        client = store.clients.create(ClientIn(name="ООО Альфа"))
        deal = store.deals.create(DealIn(title="Поставка", client_id=client.id))
    finally:
        store.close()

    first = run_cli("--db", sqlite_url, "remind")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "Reminder tasks created: 1"
    again = run_cli("--db", sqlite_url, "--lang", "ru", "remind")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "Создано задач-напоминаний: 0"

    store = open_store(sqlite_url, settings, login="anna")
    try:
        [task] = store.tasks.open_for(deal_id=deal.id)
        assert task.assignee_id == store.user.id
    finally:
        store.close()


def test_help_lists_remind() -> None:
    result = run_cli("--help")
    assert result.returncode == 0 and "remind" in result.stdout
