"""learning: the module summaries' table named as its model (module_progress -> module_summaries)

Revision ID: 0009_module_summaries
Revises: 0008_request_limits
Create Date: 2026-11-28 06:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_module_summaries'
down_revision = '0008_request_limits'
branch_labels = None
depends_on = None

COLUMNS = "user_id, module_id, lessons_done, best_score, quiz_passed, last_activity_at"


def _create(name):
    # A new table rather than a rename, so its constraints carry its own name on both
    # engines (SQLite cannot rename constraints).
    op.create_table(name,
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.String(length=64), nullable=False),
    sa.Column('lessons_done', sa.Integer(), nullable=False),
    sa.Column('best_score', sa.Double(), nullable=True),
    sa.Column('quiz_passed', sa.Boolean(), nullable=False),
    sa.Column('last_activity_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f(f'fk_{name}_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'module_id', name=op.f(f'pk_{name}'))
    )


def _move(source, target):
    _create(target)
    op.execute(f"INSERT INTO {target} ({COLUMNS}) SELECT {COLUMNS} FROM {source}")
    op.drop_table(source)


def upgrade():
    _move('module_progress', 'module_summaries')


def downgrade():
    _move('module_summaries', 'module_progress')
