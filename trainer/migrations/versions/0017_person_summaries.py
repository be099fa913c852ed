"""learning: a summary a person, summed from their module summaries for the dashboard

Made empty: the dashboard sums module summaries itself for anyone without a row for
the current course, and `trainer cycles run` makes the rows.

Revision ID: 0017_person_summaries
Revises: 0016_cycle_gaps
Create Date: 2026-11-28 20:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_person_summaries'
down_revision = '0016_cycle_gaps'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('person_summaries',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('course_key', sa.String(length=16), nullable=False),
    sa.Column('lessons', sa.Integer(), nullable=False),
    sa.Column('complete_mask', sa.BigInteger(), nullable=False),
    sa.Column('passed_mask', sa.BigInteger(), nullable=False),
    sa.Column('score_total', sa.Double(), nullable=False),
    sa.Column('tried', sa.Integer(), nullable=False),
    sa.Column('last_activity_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_person_summaries_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_person_summaries'))
    )


def downgrade():
    op.drop_table('person_summaries')
