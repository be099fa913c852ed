"""credentials: Open Badges 3.0 credentials of certificates, and the issuer's keys

Revision ID: 0012_credentials
Revises: 0011_course_evaluation
Create Date: 2026-11-28 08:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_credentials'
down_revision = '0011_course_evaluation'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('issuer_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('first_used_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issuer_keys')),
    sa.UniqueConstraint('public_key', name=op.f('uq_issuer_keys_public_key'))
    )
    op.create_table('certificate_credentials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('status_index', sa.Integer(), nullable=False),
    sa.Column('holder', sa.Text(), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_certificate_credentials_certificate_id_certificates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_credentials')),
    sa.UniqueConstraint('status_index', name=op.f('uq_certificate_credentials_status_index'))
    )
    with op.batch_alter_table('certificate_credentials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_credentials_certificate_id'), ['certificate_id'], unique=False)


def downgrade():
    with op.batch_alter_table('certificate_credentials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_credentials_certificate_id'))
    op.drop_table('certificate_credentials')
    op.drop_table('issuer_keys')
