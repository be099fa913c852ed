"""identity: links to identity providers, SAML assertions used; an account may be closed to password sign-in

Revision ID: 0013_identity_providers
Revises: 0012_credentials
Create Date: 2026-11-28 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_identity_providers'
down_revision = '0012_credentials'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('identity_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_sign_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_identity_links_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identity_links')),
    sa.UniqueConstraint('provider', 'subject', name=op.f('uq_identity_links_provider'))
    )
    with op.batch_alter_table('identity_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identity_links_user_id'), ['user_id'], unique=False)
    op.create_table('used_saml_assertions',
    sa.Column('assertion_id', sa.String(length=255), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('assertion_id', name=op.f('pk_used_saml_assertions'))
    )
    with op.batch_alter_table('used_saml_assertions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_used_saml_assertions_expires_at'), ['expires_at'], unique=False)
    # Every existing account keeps signing in with its password. A plain ADD COLUMN, not
    # a batch: SQLite's batch copies and drops the users table, and with foreign keys on
    # the drop would cascade to every learner's rows.
    op.add_column('users', sa.Column('password_sign_in', sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade():
    op.drop_column('users', 'password_sign_in')
    with op.batch_alter_table('used_saml_assertions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_used_saml_assertions_expires_at'))
    op.drop_table('used_saml_assertions')
    with op.batch_alter_table('identity_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identity_links_user_id'))
    op.drop_table('identity_links')
