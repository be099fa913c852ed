"""What WeasyPrint may load while rendering a certificate: the app's own assets, no more.

The template names them as `asset:fonts/...` or `asset:pdf/...`; every other URL
(file:, http:, https:, data:, a path that climbs out) is refused before anything is
opened, and a refusal stops the render: a certificate only ever asks for assets, so
anything else is a bug or an injection, never something to print around.
"""

import re
from functools import cache
from importlib.resources import files
from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC = Path(__file__).resolve().parents[2] / "static"
SCHEME = "asset:"
# WeasyPrint's own sRGB profile: the output intent that PDF/A requires.
COLOR_PROFILE_URL = "asset:color/sRGB2014.icc"
_NAME = re.compile(r"(?:fonts|pdf)/[A-Za-z0-9_-]+\.(css|ttf|svg|png)")
_MEDIA_TYPES = {
    "css": "text/css; charset=utf-8",
    "ttf": "font/ttf",
    "svg": "image/svg+xml",
    "png": "image/png",
}


class RefusedURL(ValueError):
    """A URL that is not one of the app's packaged assets."""


@cache
def _color_profile() -> bytes:
    return files("weasyprint.pdf").joinpath("sRGB2014.icc").read_bytes()


@cache
def _asset(name: str) -> bytes:
    return (STATIC / name).read_bytes()


def asset(url: str) -> tuple[bytes, str]:
    """The bytes and media type behind an asset URL; RefusedURL for any other URL."""
    if url == COLOR_PROFILE_URL:
        return _color_profile(), "application/vnd.iccprofile"
    name = url.removeprefix(SCHEME) if url.startswith(SCHEME) else ""
    match = _NAME.fullmatch(name)
    if match is None:
        raise RefusedURL(f"not a packaged asset: {url[:200]!r}")
    return _asset(name), _MEDIA_TYPES[match[1]]


class AssetFetcher(URLFetcher):
    def __init__(self) -> None:
        # No protocol, no redirect: the inherited opener is never used, and this says so.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=True)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        body, media_type = asset(url)
        return URLFetcherResponse(url, body, {"Content-Type": media_type})
