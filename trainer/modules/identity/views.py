"""Signing in through an organisation's identity provider, and out again there.

Each route parses what the provider sent, lets the protocol's module check it, calls
one operation, commits once, and signs the person in as the password form does.
"""

from typing import Any

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from trainer.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from trainer.core.security import is_safe_next
from trainer.extensions import csrf, db
from trainer.modules.accounts.operations import end_sessions
from trainer.modules.identity import blueprint, oidc, saml, sign_out
from trainer.modules.identity.operations import Person, SignInRefused, sign_in_through
from trainer.modules.identity.protocols import protocol
from trainer.modules.identity.providers import OIDC, SAML, Provider, provider, providers

NEXT = "identity.next"  # where the person goes once signed in


def _provider_or_404(key: str, kind: str | None = None) -> Provider:
    found = providers().get(key)
    if found is None or (kind is not None and found.kind != kind):
        abort(404)
    return found


def refused(error: SignInRefused) -> tuple[str, int]:
    """The clear page for a refused sign-in; the refusal's audit event is kept."""
    db.session.commit()
    return render_template("identity/refused.html", message=str(error)), 403


@blueprint.get("/sso/<key>/start")
def start(key: str):
    """Off to the organisation's sign-in page (a link, so that the browser follows the
    redirect to another site, as a form's submission would not be allowed to)."""
    chosen = _provider_or_404(key)
    target = request.args.get("next")
    session[NEXT] = target if is_safe_next(target) else None
    try:
        return protocol(chosen).start(chosen)
    except SignInRefused as error:
        return refused(error)


def complete_sign_in(chosen: Provider, person: Person, kept: dict[str, Any]) -> Response:
    """Sign the person the provider vouched for in: one commit, a fresh session (only the
    language carries over), and what signing out at the provider will need."""
    locale = session.get("locale")
    language = locale if locale in LANGUAGES else str(get_locale() or DEFAULT_LANGUAGE)
    target = session.get(NEXT)
    user = sign_in_through(chosen, person, language)
    db.session.commit()
    session.clear()
    if locale in LANGUAGES:
        session["locale"] = locale
    session[sign_out.SIGNED_IN_WITH] = {"provider": chosen.key, **kept}
    login_user(user)
    return redirect(target if is_safe_next(target) else url_for("home"))


@blueprint.get("/sso/<key>/callback")
def oidc_callback(key: str):
    chosen = _provider_or_404(key, OIDC)
    try:
        claims = oidc.finish(chosen)
        return complete_sign_in(chosen, oidc.person(chosen, claims), {})
    except SignInRefused as error:
        return refused(error)


@blueprint.get("/sso/sign-out")
def sign_out_at_provider():
    """After signing out here, on to the provider's own sign-out, where it has one."""
    offer = sign_out.offer()
    chosen = provider(offer["provider"], offer["kind"]) if offer else None
    if offer is None or chosen is None:
        return redirect(url_for("accounts.login"))
    session.pop(sign_out.OFFER, None)
    return redirect(sign_out.provider_sign_out_url(chosen, offer))


@blueprint.get("/sso/<key>/metadata")
def saml_metadata(key: str):
    """The service provider's metadata, at the address that is also its entity id."""
    chosen = _provider_or_404(key, SAML)
    return saml.metadata(chosen), 200, {"Content-Type": "application/samlmetadata+xml"}


# The provider's page posts the answer here from its own site: no CSRF token of ours,
# and no session cookie (Lax); the answer's signature and our RelayState stand for them.
@csrf.exempt
@blueprint.post("/sso/<key>/acs")
def saml_acs(key: str):
    chosen = _provider_or_404(key, SAML)
    try:
        person, kept = saml.finish(chosen)
        return complete_sign_in(chosen, person, kept)
    except SignInRefused as error:
        return refused(error)


@blueprint.get("/sso/<key>/sls")
def saml_sls(key: str):
    """The provider's single logout: its answer to our LogoutRequest, or its own request
    to end the session here (then we answer it)."""
    chosen = _provider_or_404(key, SAML)
    next_stop, checked = saml.answer_sign_out(chosen)
    if checked and "SAMLRequest" in request.args and current_user.is_authenticated:
        end_sessions(current_user)
        db.session.commit()
        session.clear()
        logout_user()
    if checked and next_stop:
        return redirect(next_stop)
    if checked:
        flash(_("You have signed out of %(organisation)s too.", organisation=chosen.name), "info")
    else:
        flash(
            _("%(organisation)s did not confirm the sign-out.", organisation=chosen.name), "error"
        )
    return redirect(url_for("accounts.login"))
