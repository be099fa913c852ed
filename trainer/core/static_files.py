"""Static files at addresses that change with their content, kept by browsers for a year.

Every page links the stylesheet and the icon. Without this, each page view asks for both
again and gets a 304 each: three requests for every page. `url_for("static", ...)`
adds a short hash of the file (`?v=...`); a response to an address whose hash is the
file's own may be kept for a year, as a new release's file has a new address. Any other
address (no hash, an old one) is answered as before, to be checked again each time.
"""

import hashlib
import os
from pathlib import Path

from flask import Flask, request
from werkzeug.security import safe_join

A_YEAR = 365 * 24 * 60 * 60
KEPT = f"public, max-age={A_YEAR}, immutable"


def init_static_files(app: Flask) -> None:
    hashes: dict[str, tuple[int, str]] = {}  # file name: (its mtime, its hash)

    def version(filename: str) -> str | None:
        """The file's hash, read again only when the file changes; None for no file."""
        assert app.static_folder is not None, "the app serves its static folder"
        path = safe_join(app.static_folder, filename)
        if path is None:
            return None
        try:
            changed = os.stat(path).st_mtime_ns
            if filename not in hashes or hashes[filename][0] != changed:
                digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
                hashes[filename] = (changed, digest)
        except OSError:
            return None
        return hashes[filename][1]

    @app.url_defaults
    def add_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values:
            values["v"] = version(values["filename"])

    @app.after_request
    def keep_versioned(response):
        if (
            request.endpoint == "static"
            and response.status_code in (200, 304)
            and request.view_args is not None
            and (asked := request.args.get("v")) is not None
            and asked == version(request.view_args["filename"])
        ):
            response.headers["Cache-Control"] = KEPT
        return response
