"""The scale seed's `search_words`: its core inserts pass the store's flush hook by.

Once names and titles are written, they are read back in id batches, split by the store's own
`later_words` and bulk-inserted like every other seeded table, so a seeded database answers
the word pass of global search exactly as one filled through the store would.
"""

from __future__ import annotations

from sqlalchemy import Connection

from crm_tui.seed.scale_state import ScaleState
from crm_tui.store.models import SearchWord
from crm_tui.store.search_words import word_rows


def write_search_words(state: ScaleState, connection: Connection) -> None:
    """Index every later word of the clients, counterparties, contacts and deals written."""
    state.writer.write(SearchWord.__table__, ("kind", "word", "record_id"),
                       word_rows(connection))
