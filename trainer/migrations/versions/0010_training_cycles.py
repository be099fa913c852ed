"""cycles: training cycles; lessons, attempts and completions belong to one

Everything recorded so far becomes cycle 1 (the columns' server default).

Revision ID: 0010_training_cycles
Revises: 0009_module_summaries
Create Date: 2026-11-28 08:00:00

"""
from contextlib import contextmanager

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_training_cycles'
down_revision = '0009_module_summaries'
branch_labels = None
depends_on = None


def _cycle_column():
    return sa.Column('cycle', sa.Integer(), server_default='1', nullable=False)


@contextmanager
def _foreign_keys_off_on_sqlite():
    """SQLite changes a constraint or drops a column by copying the table and dropping the
    old one; with foreign keys on, dropping course_completions (or users) would delete
    every certificate (ON DELETE CASCADE). The pragma is ignored inside a transaction, so the migration
    commits what it has done first."""
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        yield
        return
    raw = bind.connection.dbapi_connection
    if raw.in_transaction:
        raw.commit()
    raw.execute('PRAGMA foreign_keys=OFF')
    try:
        yield
    finally:
        if raw.in_transaction:
            raw.commit()
        raw.execute('PRAGMA foreign_keys=ON')


def _unique(table, columns):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(f'uq_{table}_user_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f(f'uq_{table}_user_id'), columns)


def upgrade():
    with _foreign_keys_off_on_sqlite():
        with op.batch_alter_table('users', schema=None) as batch_op:
            batch_op.add_column(_cycle_column())
        with op.batch_alter_table('quiz_attempts', schema=None) as batch_op:
            batch_op.add_column(_cycle_column())
        with op.batch_alter_table('lesson_progress', schema=None) as batch_op:
            batch_op.add_column(_cycle_column())
        _unique('lesson_progress', ['user_id', 'cycle', 'module_id', 'lesson_id'])
        with op.batch_alter_table('course_completions', schema=None) as batch_op:
            batch_op.add_column(_cycle_column())
        _unique('course_completions', ['user_id', 'cycle'])

    op.create_table('training_cycles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('renews_certificate_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['renews_certificate_id'], ['certificates.id'], name=op.f('fk_training_cycles_renews_certificate_id_certificates'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_training_cycles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_cycles')),
    sa.UniqueConstraint('renews_certificate_id', name=op.f('uq_training_cycles_renews_certificate_id')),
    sa.UniqueConstraint('user_id', 'number', name=op.f('uq_training_cycles_user_id'))
    )
    op.create_table('module_retakes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('cycle', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.String(length=64), nullable=False),
    sa.Column('from_version', sa.String(length=64), nullable=False),
    sa.Column('version', sa.String(length=64), nullable=False),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_module_retakes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_retakes')),
    sa.UniqueConstraint('user_id', 'module_id', 'version', name=op.f('uq_module_retakes_user_id'))
    )
    op.create_table('cycle_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_cycle_notices_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_notices')),
    sa.UniqueConstraint('key', name=op.f('uq_cycle_notices_key'))
    )
    with op.batch_alter_table('cycle_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_notices_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('cycle_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_notices_user_id'))
    op.drop_table('cycle_notices')
    op.drop_table('module_retakes')
    op.drop_table('training_cycles')
    # Later cycles' rows cannot fit the one-per-person constraints: only cycle 1 stays.
    for table in ('lesson_progress', 'course_completions', 'quiz_attempts'):
        op.execute(f'DELETE FROM {table} WHERE cycle > 1')
    with _foreign_keys_off_on_sqlite():
        _unique('course_completions', ['user_id'])
        with op.batch_alter_table('course_completions', schema=None) as batch_op:
            batch_op.drop_column('cycle')
        _unique('lesson_progress', ['user_id', 'module_id', 'lesson_id'])
        with op.batch_alter_table('lesson_progress', schema=None) as batch_op:
            batch_op.drop_column('cycle')
        with op.batch_alter_table('quiz_attempts', schema=None) as batch_op:
            batch_op.drop_column('cycle')
        with op.batch_alter_table('users', schema=None) as batch_op:
            batch_op.drop_column('cycle')
