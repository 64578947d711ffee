"""contracts and tickets searchable by number and subject; tasks know their origin

Contracts and tickets get case-folded twins of their number and subject (Cyrillic must be
found in any case on SQLite too), filled in for existing rows. Tasks get an `origin`, and a
partial unique index lets a deal have at most one automatic "no roles yet" reminder.

Every step adds a column or an index, so SQLite never has to copy a table; the downgrade
drops the columns natively (SQLite 3.35+) for the same reason: copying `contracts` or
`tasks` would cascade into the rows that reference them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _text_key(value: str | None) -> str:
    # The same folding as crm_tui.store.base.text_key, frozen here as migrations must be.
    return (value or "").casefold().replace("ё", "е")


def _backfill(table: str, source: str, target: str) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id, {source} FROM {table}")).all()
    for row_id, value in rows:
        connection.execute(
            sa.text(f"UPDATE {table} SET {target} = :key WHERE id = :id"),
            {"key": _text_key(value), "id": row_id},
        )


def upgrade() -> None:
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number_key', sa.String(length=100), server_default='', nullable=False))
        batch_op.create_index(batch_op.f('ix_contracts_number_key'), ['number_key'], unique=False)
    _backfill('contracts', 'number', 'number_key')

    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_key', sa.String(length=300), server_default='', nullable=False))
        batch_op.create_index(batch_op.f('ix_tickets_subject_key'), ['subject_key'], unique=False)
    _backfill('tickets', 'subject', 'subject_key')

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sa.String(length=30), nullable=True))
        batch_op.create_index('uq_tasks_no_roles_reminder', ['deal_id'], unique=True, sqlite_where=sa.text("origin = 'no_roles'"), postgresql_where=sa.text("origin = 'no_roles'"))


def downgrade() -> None:
    with op.batch_alter_table('tasks', schema=None, recreate='never') as batch_op:
        batch_op.drop_index('uq_tasks_no_roles_reminder', sqlite_where=sa.text("origin = 'no_roles'"), postgresql_where=sa.text("origin = 'no_roles'"))
        batch_op.drop_column('origin')

    with op.batch_alter_table('tickets', schema=None, recreate='never') as batch_op:
        batch_op.drop_index(batch_op.f('ix_tickets_subject_key'))
        batch_op.drop_column('subject_key')

    with op.batch_alter_table('contracts', schema=None, recreate='never') as batch_op:
        batch_op.drop_index(batch_op.f('ix_contracts_number_key'))
        batch_op.drop_column('number_key')
