"""Forgot your password? And the page every invitation and reset link opens."""

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import login_user

from trainer.core import mail
from trainer.extensions import db, limiter
from trainer.modules.accounts import blueprint, invitations
from trainer.modules.accounts.forms import ForgotPasswordForm, SetPasswordForm
from trainer.modules.accounts.mails import reset_mail


def _limit() -> str:
    return current_app.config["LOGIN_LIMIT"]


@blueprint.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def forgot_password():
    """The same answer whether or not the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        token = invitations.request_reset(form.email.data)
        if token is not None:
            db.session.commit()
            mail.send([reset_mail(token)])
        flash(
            _(
                "If an account uses that address, a link to choose a new password is on its "
                "way. The link works for one hour."
            ),
            "info",
        )
        return redirect(url_for("accounts.forgot_password"))
    status = 400 if form.errors else 200
    return render_template("accounts/forgot_password.html", form=form), status


def _link_gone():
    return render_template("accounts/link_gone.html"), 404


@blueprint.route("/password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    """Opening the link changes nothing (mail scanners open links); sending the form uses it."""
    link = invitations.usable(token)
    if link is None:
        return _link_gone()
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            person = invitations.redeem(link, form.new_password.data)
        except invitations.LinkUsed:
            db.session.rollback()
            return _link_gone()
        db.session.commit()
        session.clear()
        login_user(person)
        flash(_("Your password is set. Welcome, %(name)s!", name=person.name), "success")
        return redirect(url_for("home"))
    status = 400 if form.errors else 200
    return render_template(
        "accounts/set_password.html", form=form, person=link.user, purpose=link.purpose
    ), status
