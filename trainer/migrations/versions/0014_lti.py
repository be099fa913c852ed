"""interop: LTI 1.3 platforms, their contexts' centres, the accounts they launched, launch values

Revision ID: 0014_lti
Revises: 0013_identity_providers
Create Date: 2026-11-28 08:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_lti'
down_revision = '0013_identity_providers'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('lti_platforms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('issuer', sa.String(length=500), nullable=False),
    sa.Column('client_id', sa.String(length=200), nullable=False),
    sa.Column('key_set_url', sa.String(length=500), nullable=False),
    sa.Column('auth_login_url', sa.String(length=500), nullable=False),
    sa.Column('auth_token_url', sa.String(length=500), nullable=False),
    sa.Column('deployment_ids', sa.Text(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_lti_platforms_centre_id_centres'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_platforms')),
    sa.UniqueConstraint('issuer', 'client_id', name=op.f('uq_lti_platforms_issuer'))
    )
    op.create_table('lti_contexts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('context_id', sa.String(length=255), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_lti_contexts_centre_id_centres'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['platform_id'], ['lti_platforms.id'], name=op.f('fk_lti_contexts_platform_id_lti_platforms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_contexts')),
    sa.UniqueConstraint('platform_id', 'context_id', name=op.f('uq_lti_contexts_platform_id'))
    )
    op.create_table('lti_accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('lineitem_url', sa.String(length=500), nullable=True),
    sa.Column('last_launch_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['platform_id'], ['lti_platforms.id'], name=op.f('fk_lti_accounts_platform_id_lti_platforms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_lti_accounts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_accounts')),
    sa.UniqueConstraint('platform_id', 'subject', name=op.f('uq_lti_accounts_platform_id'))
    )
    op.create_index(op.f('ix_lti_accounts_user_id'), 'lti_accounts', ['user_id'], unique=False)
    op.create_table('lti_launch_values',
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_lti_launch_values'))
    )
    op.create_index(op.f('ix_lti_launch_values_expires_at'), 'lti_launch_values', ['expires_at'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_lti_launch_values_expires_at'), table_name='lti_launch_values')
    op.drop_table('lti_launch_values')
    op.drop_index(op.f('ix_lti_accounts_user_id'), table_name='lti_accounts')
    op.drop_table('lti_accounts')
    op.drop_table('lti_contexts')
    op.drop_table('lti_platforms')
