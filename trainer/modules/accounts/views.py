"""Signing in and out, the home page, and each user's own settings."""

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required, login_user, logout_user

from trainer.core import audit
from trainer.core.i18n import LANGUAGES
from trainer.core.security import redirect_to_next
from trainer.extensions import db
from trainer.modules.accounts import blueprint, operations, throttling
from trainer.modules.accounts.forms import LanguageForm, LoginForm, PasswordChangeForm
from trainer.modules.accounts.models import normalise_email
from trainer.modules.accounts.signals import signed_out


def _next_or_home():
    return redirect_to_next(url_for("home"))


@blueprint.route("/login", methods=["GET", "POST"])
@throttling.throttled
def login():
    if current_user.is_authenticated:
        return _next_or_home()
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = operations.authenticate(form.email.data, form.password.data)
        except operations.PasswordSignInClosed as closed:
            flash(str(closed), "error")
            return render_template("accounts/login.html", form=form), 403
        if user is not None:
            audit.record(user.id, throttling.SIGNED_IN, f"user:{user.id}", {})
            # A language chosen with the switcher before signing in becomes the account's
            # (only a choice is in the session; the browser's default never is).
            locale = session.get("locale")
            if locale in LANGUAGES and locale != user.locale:
                operations.set_language(user, locale)
            db.session.commit()
            # A fresh session at sign-in: nothing from before it carries over but the language.
            session.clear()
            if locale:
                session["locale"] = locale
            login_user(user, remember=form.remember.data)
            response = _next_or_home()
            throttling.remember_device(response, user.email)
            return response
        throttling.note_failure()
        typed = normalise_email(form.email.data)
        audit.record(None, audit.SIGN_IN_FAILED, audit.email_subject(typed), {})
        db.session.commit()
        flash(_("The e-mail or password is not right."), "error")
    return render_template("accounts/login.html", form=form), 200 if not form.errors else 400


@blueprint.post("/logout")
@login_required
def logout():
    user_id = current_user.id
    operations.end_sessions(current_user)
    db.session.commit()
    ended = dict(session)
    session.clear()
    logout_user()
    signed_out.send(user_id, ended=ended)
    flash(_("You have signed out."), "info")
    response = redirect(url_for("accounts.login"))
    # The session's version ended the cookie's power already; the browser drops it too.
    config = current_app.config
    response.delete_cookie(
        config.get("REMEMBER_COOKIE_NAME", "remember_token"),
        path=config.get("REMEMBER_COOKIE_PATH", "/"),
        domain=config.get("REMEMBER_COOKIE_DOMAIN"),
        secure=config["REMEMBER_COOKIE_SECURE"],
        httponly=True,
        samesite=config["REMEMBER_COOKIE_SAMESITE"],
    )
    return response


@blueprint.post("/language")
def switch_language():
    """The language switcher in every page's header; works signed in or not."""
    locale = request.form.get("locale", "")
    if locale in LANGUAGES:
        session["locale"] = locale
        if current_user.is_authenticated:
            operations.set_language(current_user, locale)
            db.session.commit()
        refresh()
    return _next_or_home()


@blueprint.get("/account")
@login_required
def account():
    return render_template(
        "accounts/account.html",
        language_form=LanguageForm(locale=current_user.locale),
        password_form=PasswordChangeForm(),
    )


@blueprint.post("/account/language")
@login_required
def account_language():
    form = LanguageForm()
    if form.validate_on_submit():
        operations.set_language(current_user, form.locale.data)
        session["locale"] = form.locale.data
        db.session.commit()
        refresh()  # the message below is already in the new language
        flash(_("Your language has been changed."), "success")
        return redirect(url_for("accounts.account"))
    return render_template(
        "accounts/account.html", language_form=form, password_form=PasswordChangeForm()
    ), 400


@blueprint.post("/account/password")
@login_required
def account_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            operations.change_password(
                current_user, form.current_password.data, form.new_password.data
            )
        except operations.AccountError as error:
            form.current_password.errors.append(str(error))
        else:
            db.session.commit()
            # Every other session has ended; this one continues under the new version.
            login_user(current_user._get_current_object())  # the User, not the proxy
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("accounts.account"))
    language_form = LanguageForm(locale=current_user.locale)
    return render_template(
        "accounts/account.html", language_form=language_form, password_form=form
    ), 400
