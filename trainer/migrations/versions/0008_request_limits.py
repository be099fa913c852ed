"""core: rate-limit counters in the database; the audit log's client address and longer subjects

Revision ID: 0008_request_limits
Revises: 0007_mail_outbox
Create Date: 2026-11-28 03:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_request_limits'
down_revision = '0007_mail_outbox'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('request_limits',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_request_limits'))
    )
    with op.batch_alter_table('request_limits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_limits_expires_at'), ['expires_at'], unique=False)

    # "email:" and a 254-character address did not fit in 200 (a 500 on PostgreSQL).
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=45), nullable=True))
        batch_op.alter_column('subject',
               existing_type=sa.String(length=200),
               type_=sa.String(length=300),
               existing_nullable=False)


def downgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column('subject',
               existing_type=sa.String(length=300),
               type_=sa.String(length=200),
               existing_nullable=False)
        batch_op.drop_column('address')

    with op.batch_alter_table('request_limits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_limits_expires_at'))

    op.drop_table('request_limits')
