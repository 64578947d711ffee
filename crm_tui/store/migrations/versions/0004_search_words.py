"""search words: the later words of names, indexed for global search

Global search found a later word of a name ("альфа" in "ООО «Альфа»") by walking the name
index with LIKE: about two seconds at 1,000,000 contacts for a word nobody has. The new
`search_words` table holds every later word of every client, counterparty and contact name
and deal title, keyed (kind, word, record_id) so the search seeks a word by prefix; the
store's flush hook keeps it current from now on.

Existing names are split here in batches of ids and inserted in bulk, before the second index
(kind, record_id, word) is built in one pass. On SQLite the table has no rowid: the primary key
is the table.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""
import re

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# The word starts and the split of crm_tui.store.search_words, frozen here as migrations must be.
_SEPARATOR = re.compile("[" + re.escape(" «\"(-'„“") + "]")
_NAMES = (('client', 'clients', 'name_key'), ('counterparty', 'counterparties', 'name_key'),
          ('contact', 'contacts', 'name_key'), ('deal', 'deals', 'title_key'))
_BATCH = 50_000


def _later_words(key: str | None) -> list[str]:
    return sorted({word for word in _SEPARATOR.split(key or "")[1:] if word})


def _backfill() -> None:
    connection = op.get_bind()
    words = sa.table('search_words', sa.column('kind'), sa.column('word'),
                     sa.column('record_id'))
    for kind, table, key in _NAMES:
        last = 0
        while True:
            records = connection.execute(
                sa.text(f"SELECT id, {key} FROM {table} WHERE id > :last ORDER BY id LIMIT :n"),
                {"last": last, "n": _BATCH},
            ).all()
            rows = [{"kind": kind, "word": word, "record_id": record_id}
                    for record_id, value in records for word in _later_words(value)]
            if rows:
                connection.execute(sa.insert(words), rows)
            if len(records) < _BATCH:
                break
            last = records[-1][0]


def upgrade() -> None:
    op.create_table('search_words',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('word', sa.String(length=300), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'word', 'record_id', name=op.f('pk_search_words')),
    sqlite_with_rowid=False
    )
    _backfill()
    with op.batch_alter_table('search_words', schema=None) as batch_op:
        batch_op.create_index('ix_search_words_record', ['kind', 'record_id', 'word'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('search_words', schema=None) as batch_op:
        batch_op.drop_index('ix_search_words_record')

    op.drop_table('search_words')
