"""evaluation: who has replied to the course evaluation, and the anonymous answers

Revision ID: 0011_course_evaluation
Revises: 0010_training_cycles
Create Date: 2026-11-28 08:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_course_evaluation'
down_revision = '0010_training_cycles'
branch_labels = None
depends_on = None

# On SQLite an INTEGER primary key is the rowid: a random id, and no hidden counter.
RANDOM_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def _answers(name):
    op.create_table(name,
    sa.Column('id', RANDOM_ID, autoincrement=False, nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('course_version', sa.String(length=16), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('ratings', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f(f'fk_{name}_centre_id_centres'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}'))
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{name}_centre_id'), ['centre_id'], unique=False)


def upgrade():
    op.create_table('evaluation_replies',
    sa.Column('completion_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['completion_id'], ['course_completions.id'], name=op.f('fk_evaluation_replies_completion_id_course_completions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_evaluation_replies_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('completion_id', name=op.f('pk_evaluation_replies'))
    )
    with op.batch_alter_table('evaluation_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_replies_user_id'), ['user_id'], unique=False)
    _answers('evaluation_ballots')
    _answers('evaluation_answers')


def downgrade():
    op.drop_table('evaluation_answers')
    op.drop_table('evaluation_ballots')
    op.drop_table('evaluation_replies')
