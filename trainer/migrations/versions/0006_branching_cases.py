"""learning: the choices learners make in branching cases

Revision ID: 0006_branching_cases
Revises: 0005_module_progress
Create Date: 2026-11-28 02:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_branching_cases'
down_revision = '0005_module_progress'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'case_choices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('module_id', sa.String(length=64), nullable=False),
        sa.Column('case_id', sa.String(length=64), nullable=False),
        sa.Column('run', sa.Integer(), nullable=False),
        sa.Column('step_id', sa.String(length=64), nullable=False),
        sa.Column('choice', sa.Integer(), nullable=False),
        sa.Column('chosen_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_case_choices_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_choices')),
        sa.UniqueConstraint('user_id', 'module_id', 'case_id', 'run', 'step_id', name=op.f('uq_case_choices_user_id')),
    )
    with op.batch_alter_table('case_choices', schema=None) as batch_op:
        batch_op.create_index('ix_case_choices_case', ['module_id', 'case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_choices_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('case_choices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_choices_user_id'))
        batch_op.drop_index('ix_case_choices_case')
    op.drop_table('case_choices')
