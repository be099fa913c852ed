"""The admin's pages: centres, accounts and roles."""

from math import ceil

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from trainer.core.inputs import page_number, printable, whole_number
from trainer.core.security import role_required
from trainer.extensions import db
from trainer.modules.accounts import blueprint, operations
from trainer.modules.accounts.access import ADMINS
from trainer.modules.accounts.forms import (
    ROLE_NAMES,
    CentreForm,
    UserCreateForm,
    UserEditForm,
    choices,
)
from trainer.modules.accounts.models import Centre, User

NO_CENTRE = 0
ACCOUNTS_PER_PAGE = 50


def _centres() -> list[Centre]:
    return list(db.session.scalars(select(Centre).order_by(Centre.name)))


def _centre_choices(centres: list[Centre]) -> list:
    return choices({NO_CENTRE: _("No centre")} | {c.id: c.name for c in centres})


def _centre_or_none(centre_id: int | None) -> Centre | None:
    if not centre_id:
        return None
    return db.session.get(Centre, centre_id) or abort(400)


def _matching(search: str, centre_id: int | None) -> Select:
    """The accounts whose name or e-mail contains the text, of one centre if asked."""
    query = select(User)
    if search:
        needle = search.lower()
        query = query.where(
            or_(
                func.lower(User.name).contains(needle, autoescape=True),
                func.lower(User.email).contains(needle, autoescape=True),
            )
        )
    if centre_id is not None:
        query = query.where(User.centre_id == centre_id)
    return query


def _accounts(search: str, centre_id: int | None, number: int) -> tuple[list[User], int, int]:
    """One page of the matching accounts by name, the page's number and the page count."""
    query = _matching(search, centre_id)
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    count = max(ceil(total / ACCOUNTS_PER_PAGE), 1)
    number = min(number, count)
    users = db.session.scalars(
        query.options(selectinload(User.centre))
        .order_by(User.name, User.id)
        .limit(ACCOUNTS_PER_PAGE)
        .offset((number - 1) * ACCOUNTS_PER_PAGE)
    ).all()
    return list(users), number, count


def _admin_page(centre_form=None, user_form=None, status=200):
    centres = _centres()
    user_form = user_form or UserCreateForm()
    user_form.centre.choices = _centre_choices(centres)
    search = printable(request.args.get("q", ""), replacement="").strip()[:200]
    centre_id = whole_number(request.args.get("centre"), minimum=1)
    users, number, count = _accounts(search, centre_id, page_number(request.args))
    return render_template(
        "accounts/admin.html",
        centres=centres,
        users=users,
        search=search,
        centre_id=centre_id,
        page=number,
        pages=count,
        centre_form=centre_form or CentreForm(),
        user_form=user_form,
        role_names=ROLE_NAMES,
    ), status


@blueprint.get("/admin")
@role_required(*ADMINS)
def admin():
    return _admin_page()


@blueprint.post("/admin/centres")
@role_required(*ADMINS)
def admin_create_centre():
    form = CentreForm()
    if form.validate_on_submit():
        try:
            centre = operations.create_centre(form.name.data, actor_id=current_user.id)
        except operations.AccountError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Centre %(name)s created.", name=centre.name), "success")
            return redirect(url_for("accounts.admin"))
    return _admin_page(centre_form=form, status=400)


@blueprint.post("/admin/users")
@role_required(*ADMINS)
def admin_create_user():
    form = UserCreateForm()
    form.centre.choices = _centre_choices(_centres())
    if form.validate_on_submit():
        try:
            user = operations.create_user(
                email=form.email.data,
                name=form.name.data,
                role=form.role.data,
                locale=form.locale.data,
                centre=_centre_or_none(form.centre.data),
                password=form.password.data,
                actor_id=current_user.id,
            )
        except operations.AccountError as error:
            form.email.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Account for %(name)s created.", name=user.name), "success")
            return redirect(url_for("accounts.admin"))
    return _admin_page(user_form=form, status=400)


def _managed_or_own(user: User) -> list[int]:
    """The centres the form shows ticked: those managed, else the person's own centre,
    ready for when they are made a manager."""
    return [c.id for c in user.managed_centres] or ([user.centre_id] if user.centre_id else [])


@blueprint.route("/admin/users/<id:user_id>", methods=["GET", "POST"])
@role_required(*ADMINS)
def admin_edit_user(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    centres = _centres()
    form = UserEditForm(
        data={
            "role": user.role,
            "centre": user.centre_id or NO_CENTRE,
            "managed_centres": _managed_or_own(user),
            "is_active": user.is_active,
            "password_sign_in": user.password_sign_in,
        },
    )
    form.centre.choices = _centre_choices(centres)
    form.managed_centres.choices = choices({c.id: c.name for c in centres})
    if form.validate_on_submit():
        by_id = {c.id: c for c in centres}
        operations.update_user(
            user,
            actor_id=current_user.id,
            role=form.role.data,
            centre=_centre_or_none(form.centre.data),
            managed=[by_id[i] for i in form.managed_centres.data],
            is_active=form.is_active.data,
            password_sign_in=form.password_sign_in.data,
        )
        db.session.commit()
        flash(_("Account of %(name)s updated.", name=user.name), "success")
        return redirect(url_for("accounts.admin"))
    status = 400 if form.errors else 200
    return render_template("accounts/user_edit.html", user=user, form=form), status
