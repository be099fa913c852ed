"""LTI 1.3: a learning platform signs its user in here (OIDC third-party login, then a
resource link launch) and the person lands in the course in the platform's language.
Our JWKS is at a stable address for platforms that call our services' keys."""

from flask import redirect, render_template, session, url_for
from flask_login import login_user
from pylti1p3.contrib.flask import FlaskMessageLaunch, FlaskOIDCLogin, FlaskRequest
from pylti1p3.exception import LtiException, OIDCException
from sqlalchemy import select

from trainer.core.security import role_required
from trainer.extensions import csrf, db, limiter
from trainer.modules.accounts.access import ADMINS
from trainer.modules.interop import blueprint
from trainer.modules.interop.lti import (
    LaunchRefused,
    LaunchStorage,
    OneTimeNonces,
    PlatformRegistry,
    launched,
    platform_for,
)
from trainer.modules.interop.lti_keys import tool_jwks, tool_private_key
from trainer.modules.interop.lti_models import LtiPlatform

# A login writes a nonce: enough for a class starting together behind one address.
LOGIN_LIMIT = "120 per minute"


def _refused(reason: str) -> tuple[str, int]:
    db.session.rollback()  # nothing of a refused launch stays
    return render_template("interop/lti/refused.html", reason=reason), 400


@blueprint.route("/interop/lti/login", methods=["GET", "POST"])
@csrf.exempt
@limiter.limit(LOGIN_LIMIT)
def lti_login():
    request = FlaskRequest()
    login = FlaskOIDCLogin(
        request,
        PlatformRegistry(),
        session_service=OneTimeNonces(request),
        launch_data_storage=LaunchStorage(),
    )
    try:
        response = login.redirect(url_for("interop.lti_launch", _external=True))
    except (OIDCException, LtiException) as error:
        return _refused(str(error))
    db.session.commit()  # the nonce, for the launch that follows
    return response


@blueprint.post("/interop/lti/launch")
@csrf.exempt
def lti_launch():
    request = FlaskRequest()
    message = FlaskMessageLaunch(
        request,
        PlatformRegistry(),
        session_service=OneTimeNonces(request),
        launch_data_storage=LaunchStorage(),
    )
    try:
        claims = message.get_launch_data()
        if not message.is_resource_launch():
            raise LaunchRefused("only resource link launches open the course")
        platform = platform_for(claims["iss"], message.get_client_id())
        assert platform is not None  # validated above
        person = launched(platform, claims)
    except (LtiException, LaunchRefused) as error:
        return _refused(str(error))
    db.session.commit()
    session.clear()
    session["locale"] = person.language
    login_user(person.user)
    return redirect(url_for("learning.course"))


@blueprint.get("/interop/lti/jwks.json")
def lti_jwks():
    return tool_jwks()


@blueprint.get("/interop/lti")
@role_required(*ADMINS)
def lti_platforms():
    """What to give a platform's administrator, and the platforms registered."""
    platforms = db.session.scalars(select(LtiPlatform).order_by(LtiPlatform.name)).all()
    return render_template(
        "interop/lti/platforms.html", platforms=platforms, has_key=tool_private_key() is not None
    )
