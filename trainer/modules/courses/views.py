"""Serving the images of the content folder at IMAGE_URL."""

from pathlib import Path

from flask import Blueprint, current_app, send_from_directory

from trainer.modules.courses.links import IMAGE_URL

blueprint = Blueprint("courses", __name__)


@blueprint.get(IMAGE_URL.replace("{name}", "<name>"))
def image(name: str):
    folder = Path(current_app.config["CONTENT_DIR"]) / "images"
    response = send_from_directory(folder, name, max_age=3600)
    # An SVG opened on its own must not run script in the app's origin.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    return response
