"""Two processes saving the same deal at once: no update is lost, no lock error surfaces."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from crm_tui.schemas.clients import ClientIn
from crm_tui.schemas.deals import DealIn

ROOT = Path(__file__).resolve().parent.parent
INCREMENTS = 40


def test_two_processes_lose_no_update(team, db_url) -> None:
    boris = team["boris"]
    client = boris.clients.create(ClientIn(name="Общий клиент"))
    deal = boris.deals.create(DealIn(title="Общая сделка", client_id=client.id, amount=0))
    workers = [
        subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("concurrent_saver.py")), db_url,
             login, str(deal.id), str(INCREMENTS)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for login in ("boris", "hanna")
    ]
    reports = []
    for worker in workers:
        out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    final = boris.deals.get(deal.id)
    assert final.amount == Decimal(2 * INCREMENTS)
    assert sum(r["locked"] for r in reports) == 0
    # The version column counted every save, so it moved once per successful update.
    assert final.version == deal.version + 2 * INCREMENTS
