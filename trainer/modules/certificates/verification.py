"""The public check of a certificate: no sign-in, rate-limited, the bare facts only."""

from flask import redirect, render_template, request, url_for
from flask_babel import get_locale

from trainer.extensions import limiter
from trainer.modules.certificates import blueprint
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.forms import CredentialForm
from trainer.modules.certificates.models import Certificate
from trainer.modules.certificates.queries import certificate_by_code, next_edition_of

VERIFY_RATE_LIMIT = "30 per minute"
# One budget per address for both pages, so the form is no way around the limit.
verify_limit = limiter.shared_limit(VERIFY_RATE_LIMIT, scope="certificate-verification")


def public_facts(certificate: Certificate) -> dict[str, object]:
    """All the page may say about a certificate and its holder."""
    superseded_by = next_edition_of(certificate)
    return {
        "holder": certificate.holder,
        "course": certificate.course_title(str(get_locale())),
        "issued_at": certificate.issued_at,
        "expires_at": certificate.expires_at,
        "revoked_at": certificate.revoked_at,
        "status": certificate.status().value,
        "code": display_code(certificate.code),
        "course_version": certificate.course_version,
        # After a retake, the course version the holder's next edition covers.
        "updated_version": superseded_by.course_version if superseded_by else None,
    }


def _not_found(typed: str):
    page = render_template(
        "certificates/verify.html",
        typed=typed[:64],
        not_found=True,
        credential_form=CredentialForm(),
    )
    return page, 404, {"X-Robots-Tag": "noindex"}


@blueprint.get("/verify")
@verify_limit
def verify():
    typed = request.args.get("code", "").strip()
    if not typed:
        return render_template(
            "certificates/verify.html", typed="", not_found=False, credential_form=CredentialForm()
        )
    certificate = certificate_by_code(typed)
    if certificate is None:
        return _not_found(typed)
    return redirect(url_for("certificates.verify_code", code=display_code(certificate.code)))


@blueprint.get("/verify/<code>")
@verify_limit
def verify_code(code: str):
    certificate = certificate_by_code(code)
    if certificate is None:
        return _not_found(code)
    page = render_template("certificates/verified.html", facts=public_facts(certificate))
    return page, 200, {"X-Robots-Tag": "noindex", "Cache-Control": "no-store"}
