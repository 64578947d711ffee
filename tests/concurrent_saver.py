"""A worker process for the concurrency test: increments one deal's amount N times.

Each increment reads the deal, adds 1 and saves with the version it read, retrying on a
conflict — the way a user would reload and redo. If any update were lost the final amount
would fall short of the total number of increments.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal


def main() -> None:
    url, login, deal_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    from crm_tui.config import Settings
    from crm_tui.schemas.deals import DealUpdate
    from crm_tui.store.errors import ConflictError
    from crm_tui.store.store import open_store

    store = open_store(url, Settings(), login=login)
    conflicts = locked = 0
    done = 0
    while done < count:
        deal = store.deals.get(deal_id)
        update = DealUpdate(
            title=deal.title, amount=(deal.amount or Decimal(0)) + 1,
            counterparty_id=deal.counterparty_id, owner_id=deal.owner_id,
        )
        try:
            store.deals.update(deal_id, deal.version, update)
            done += 1
        except ConflictError:
            conflicts += 1
        except Exception as exc:  # pragma: no cover - reported to the test
            if "locked" in str(exc).lower():
                locked += 1
            else:
                raise
    store.close()
    print(json.dumps({"conflicts": conflicts, "locked": locked}))


if __name__ == "__main__":
    main()
