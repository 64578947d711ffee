"""deal board: keyset indexes by stage (and owner) in board order

The board pages each stage's deals newest-in-stage first, filtered by owner for a manager.
With only (stage_id, id) to go on, every page read all the stage's deals and sorted them:
36 ms a column, half a second a board, at 1,000,000 contacts. These two indexes answer a
page as one range in order: (stage_id, owner_id, stage_entered_at, id) for a manager's
board, (stage_id, stage_entered_at, id) for everyone's. `amount` rides at the end of the
first so the per-stage count and total (`stage_summaries`) read the index alone.

Only indexes are added, so neither database copies a table.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_deals_stage_owner_entered', 'deals',
                    ['stage_id', 'owner_id', 'stage_entered_at', 'id', 'amount'], unique=False)
    op.create_index('ix_deals_stage_entered', 'deals',
                    ['stage_id', 'stage_entered_at', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_deals_stage_entered', table_name='deals')
    op.drop_index('ix_deals_stage_owner_entered', table_name='deals')
