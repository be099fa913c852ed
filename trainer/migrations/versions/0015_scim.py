"""identity: SCIM directories, the people and centres each provisions

Revision ID: 0015_scim
Revises: 0014_lti
Create Date: 2026-11-28 08:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_scim'
down_revision = '0014_lti'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('scim_directories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('token_issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scim_directories')),
    sa.UniqueConstraint('name', name=op.f('uq_scim_directories_name')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_scim_directories_token_hash'))
    )
    op.create_table('scim_people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('directory_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('user_name', sa.String(length=254), nullable=False),
    sa.Column('attributes', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['directory_id'], ['scim_directories.id'], name=op.f('fk_scim_people_directory_id_scim_directories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_scim_people_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scim_people')),
    sa.UniqueConstraint('user_id', name=op.f('uq_scim_people_user_id')),
    sa.UniqueConstraint('user_name', name=op.f('uq_scim_people_user_name'))
    )
    with op.batch_alter_table('scim_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scim_people_directory_id'), ['directory_id'], unique=False)
    op.create_table('scim_centres',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('directory_id', sa.Integer(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_scim_centres_centre_id_centres'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['directory_id'], ['scim_directories.id'], name=op.f('fk_scim_centres_directory_id_scim_directories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scim_centres')),
    sa.UniqueConstraint('directory_id', 'centre_id', name=op.f('uq_scim_centres_directory_id'))
    )
    with op.batch_alter_table('scim_centres', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scim_centres_directory_id'), ['directory_id'], unique=False)


def downgrade():
    op.drop_table('scim_centres')
    op.drop_table('scim_people')
    op.drop_table('scim_directories')
