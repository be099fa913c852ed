"""Forgot your password? And the page every invitation and reset link opens."""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_user

from trainer.extensions import db, limiter
from trainer.modules.accounts import blueprint, invitations
from trainer.modules.accounts.forms import ForgotPasswordForm, SetPasswordForm
from trainer.modules.accounts.mails import queue_reset
from trainer.modules.accounts.operations import AccountError

# Where a link's token waits, in the signed session cookie, while the person chooses.
LINK_KEY = "account_link"
# The reset form answers no sooner than this, whatever the address: whether an account
# exists must not show in the time (a known address costs a few queries and a commit).
RESET_ANSWER_SECONDS = 0.3


def _limit() -> str:
    return current_app.config["LOGIN_LIMIT"]


@contextmanager
def _same_time_for_any_address() -> Iterator[None]:
    floor = current_app.config.get("RESET_ANSWER_SECONDS", RESET_ANSWER_SECONDS)
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    if elapsed > floor:
        current_app.logger.warning("a reset request took %.3f s, over %.3f s", elapsed, floor)
    time.sleep(max(0.0, floor - elapsed))


@blueprint.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def forgot_password():
    """The same answer, in the same time, whether or not the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        with _same_time_for_any_address():
            token = invitations.request_reset(form.email.data)
            if token is not None:
                queue_reset(token)
                db.session.commit()
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


def _keep_token_out_of_the_access_log() -> None:
    # gunicorn writes its access-log line from this request's WSGI environ once the
    # response is sent; the token must not be in it.
    hidden = request.path.rsplit("/", 1)[0] + "/…"
    request.environ.update(RAW_URI=hidden, REQUEST_URI=hidden, PATH_INFO=hidden)


@blueprint.get("/password/<token>")
def set_password(token: str):
    """The link in the e-mail: the token moves into the session at once and the browser
    goes on to a page without it, so it stays out of logs, history and Referer headers.
    Opening the link changes nothing (mail scanners open links); sending the form does."""
    link = invitations.usable(token)
    _keep_token_out_of_the_access_log()
    if link is None:
        return _link_gone()
    session[LINK_KEY] = token
    # The page speaks the language of the e-mail, which is the person's.
    return redirect(url_for("accounts.choose_password", lang=link.user.locale))


@blueprint.route("/password/new", methods=["GET", "POST"])
def choose_password():
    token = session.get(LINK_KEY)
    link = invitations.usable(token) if isinstance(token, str) else None
    if link is None:
        session.pop(LINK_KEY, None)
        return _link_gone()
    form = SetPasswordForm()
    form.account = link.user  # the password policy compares with their e-mail and name
    if form.validate_on_submit():
        try:
            person = invitations.redeem(link, form.new_password.data)
        except invitations.LinkUsed:
            db.session.rollback()
            session.pop(LINK_KEY, None)
            return _link_gone()
        except AccountError as error:
            db.session.rollback()
            form.new_password.errors.append(str(error))
        else:
            db.session.commit()
            session.clear()
            login_user(person)
            flash(_("Your password is set. Welcome, %(name)s!", name=person.name), "success")
            return redirect(url_for("home"))
    status = 400 if form.errors else 200
    return render_template(
        "accounts/set_password.html", form=form, person=link.user, purpose=link.purpose
    ), status
