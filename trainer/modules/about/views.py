"""The front page, the privacy notice, the accessibility statement and its feedback form,
the organisation's logo, and the admins' list of feedback."""

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from trainer.core.i18n import DEFAULT_LANGUAGE
from trainer.core.inputs import page_number
from trainer.core.security import role_required
from trainer.extensions import db, limiter
from trainer.modules import courses
from trainer.modules.about import blueprint, feedback, pages
from trainer.modules.about.forms import FeedbackForm
from trainer.modules.accounts.access import ADMINS
from trainer.modules.accounts.models import User

# Enough for a person with several things to say; too few for a flood.
FEEDBACK_LIMIT = "10 per hour"
PER_PAGE = 50
# The logo is never a page: nothing in it runs, whatever the file holds (an SVG may
# carry script).
LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def _language() -> str:
    return str(get_locale() or DEFAULT_LANGUAGE)


def front_page():
    """What the course is, for whom, how long, what it gives, and who runs it."""
    catalogue = courses.catalogue()
    course = catalogue.course(catalogue.language_for(_language()))
    return render_template(
        "about/front.html",
        course=course,
        certificate_months=current_app.config["CERTIFICATE_VALIDITY_MONTHS"],
    )


@blueprint.get("/privacy")
def privacy():
    return render_template("about/page.html", page=pages.page("privacy", _language()))


@blueprint.route("/accessibility", methods=["GET", "POST"])
@limiter.limit(FEEDBACK_LIMIT, methods=["POST"])
def accessibility():
    """The statement, and below it a form that sends feedback to the admins (no
    JavaScript needed; a signed-in person's address is filled in for them)."""
    form = FeedbackForm()
    if form.validate_on_submit():
        feedback.send_feedback(
            form.message.data.strip(),
            reply_to=form.email.data,
            about_page=form.page.data,
            sender_id=current_user.id if current_user.is_authenticated else None,
        )
        db.session.commit()
        flash(_("Thank you. Your message has gone to the people who run this service."), "success")
        return redirect(url_for("about.accessibility"))
    if request.method == "GET" and current_user.is_authenticated:
        form.email.data = current_user.email
    page = pages.page("accessibility", _language())
    status = 400 if form.errors else 200
    return render_template("about/accessibility.html", page=page, form=form), status


@blueprint.get("/organisation/logo")
def logo():
    path = current_app.config.get("ORG_LOGO")
    if not path:
        abort(404)
    response = send_file(path, max_age=24 * 3600)
    response.headers["Content-Security-Policy"] = LOGO_POLICY
    return response


@blueprint.get("/admin/feedback", endpoint="feedback")
@role_required(*ADMINS)
def feedback_list():
    page = db.paginate(
        feedback.all_feedback(),
        page=page_number(request.args),
        per_page=PER_PAGE,
        max_per_page=PER_PAGE,
        error_out=False,
    )
    sender_ids = {event.actor_id for event in page.items if event.actor_id}
    senders = {
        user.id: user for user in db.session.scalars(db.select(User).where(User.id.in_(sender_ids)))
    }
    return render_template("about/feedback.html", page=page, senders=senders)
