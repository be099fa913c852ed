"""cycles: branching-case choices belong to a cycle; a completion's certificate has editions

Every choice made so far becomes cycle 1 and every certificate edition 1 (the
columns' server defaults). A certificate is unique per (completion, edition) instead
of per completion: a retake after a course change adds edition 2.

Revision ID: 0016_cycle_gaps
Revises: 0015_scim
Create Date: 2026-11-28 11:00:00

"""
from contextlib import contextmanager

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_cycle_gaps'
down_revision = '0015_scim'
branch_labels = None
depends_on = None


@contextmanager
def _foreign_keys_off_on_sqlite():
    """SQLite changes a constraint by copying the table and dropping the old one; with
    foreign keys on, dropping certificates would delete their PDFs and credentials (ON
    DELETE CASCADE). The pragma is ignored inside a transaction, so the migration
    commits what it has done first (as 0010 does)."""
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


def _unique(table, name, columns):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(name), type_='unique')
        batch_op.create_unique_constraint(batch_op.f(name), columns)


def upgrade():
    with _foreign_keys_off_on_sqlite():
        with op.batch_alter_table('case_choices', schema=None) as batch_op:
            batch_op.add_column(sa.Column('cycle', sa.Integer(), server_default='1', nullable=False))
        _unique('case_choices', 'uq_case_choices_user_id',
                ['user_id', 'cycle', 'module_id', 'case_id', 'run', 'step_id'])
        with op.batch_alter_table('certificates', schema=None) as batch_op:
            batch_op.add_column(sa.Column('edition', sa.Integer(), server_default='1', nullable=False))
        _unique('certificates', 'uq_certificates_completion_id', ['completion_id', 'edition'])


def downgrade():
    # Later cycles' choices and later editions cannot fit the older constraints.
    # (Deleted with foreign keys on, so their PDFs and credentials go with them.)
    op.execute('DELETE FROM case_choices WHERE cycle > 1')
    op.execute('DELETE FROM certificates WHERE edition > 1')
    with _foreign_keys_off_on_sqlite():
        _unique('certificates', 'uq_certificates_completion_id', ['completion_id'])
        with op.batch_alter_table('certificates', schema=None) as batch_op:
            batch_op.drop_column('edition')
        _unique('case_choices', 'uq_case_choices_user_id',
                ['user_id', 'module_id', 'case_id', 'run', 'step_id'])
        with op.batch_alter_table('case_choices', schema=None) as batch_op:
            batch_op.drop_column('cycle')
