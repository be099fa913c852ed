"""Access checks and redirect safety shared by every module."""

from collections.abc import Callable
from functools import wraps
from typing import TypeGuard
from urllib.parse import urlsplit

from flask import abort, redirect, request, session
from flask_login import current_user, login_required
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response


def role_required(*roles: str) -> Callable:
    """Allow the view to signed-in users whose role is one of `roles`; 403 for others."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def is_safe_next(target: str | None) -> TypeGuard[str]:
    """A `next=` target is followed only when it is a path on this site."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(c) < 32 for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def redirect_to_next(default: str) -> Response:
    """Go to the form's or the query's `next=` when it is safe, else to `default`."""
    target = request.values.get("next")
    return redirect(target if is_safe_next(target) else default)


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


# Files that are the same for everyone, signed in or not: caches may keep them.
PUBLIC_ENDPOINTS = frozenset({"static", "courses.image"})


def is_signed_in_request() -> bool:
    """Whether the response is made for a signed-in user. (Flask-Login keeps the user's
    id in the session, also when a remember-me cookie signed them in.)"""
    return "_user_id" in session


def init_security_headers(app) -> None:
    """Headers on every response: no inline script or style, no framing, no sniffing;
    and nothing made for a signed-in user kept by any cache, the browser's included
    (a shared computer's back button, a proxy)."""
    production = app.config["ENV"] == "production"

    @app.after_request
    def set_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if production:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        if (
            request.endpoint not in PUBLIC_ENDPOINTS
            and is_signed_in_request()
            and "no-store" not in response.headers.get("Cache-Control", "")
        ):
            response.headers["Cache-Control"] = "no-store"
        return response


def init_proxies(app) -> None:
    """Take the client's address (and scheme) from the trusted proxies' headers.

    With TRAINER_TRUSTED_PROXIES=n, the n-th X-Forwarded-For entry from the right is
    the client: each proxy appends the address it was reached from, so what a client
    writes into the header itself is never believed. With 0 (the default) the header
    is ignored, which is right only when nothing stands in front of the app.
    """
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
