"""Trainers download the course as SCORM 1.2 packages, one per language."""

from pathlib import Path

from flask import abort, current_app, render_template

from trainer.core.downloads import private_download
from trainer.core.security import role_required
from trainer.modules.accounts.access import TRAINERS
from trainer.modules.courses import catalogue
from trainer.modules.interop import blueprint
from trainer.modules.interop.scorm import MIMETYPE, build_package, package_name


@blueprint.get("/interop/scorm")
@role_required(*TRAINERS)
def scorm_packages():
    return render_template("interop/scorm/packages.html", package_languages=catalogue().languages)


@blueprint.get("/interop/scorm/<language>.zip")
@role_required(*TRAINERS)
def scorm_download(language: str):
    course = catalogue().courses.get(language) or abort(404)
    images = Path(current_app.config["CONTENT_DIR"]) / "images"
    return private_download(build_package(course, images), MIMETYPE, package_name(course))
