"""How fast certificates are: rendering one, a stored download, a centre's ZIP.

    .venv/bin/python bench/bench_certificates.py [CONTENT_DIR]     (default: content)

Runs against a throw-away SQLite database. Prints the best of several runs and the
ratio to the floor measured in the same process: WeasyPrint rendering a one-line
document. "render" is what a certificate's first rendering in a language costs once
the process is warm; "issue" is what the request completing the course does (the
snapshot, and the job queued), and "worker draws" the job that signs the credential and
renders and stores the PDF, the first after start-up. Targets:
render under 3x the floor; a download served from storage under 20 ms; the ZIP of
200 certificates reported as measured. Memory: the process's resident size over
--renders renderings (default 1000), after the first 50; a worker must stay flat.
"""

import argparse
import os
import tempfile
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from timing import best_of, best_of_pair, timed
from weasyprint import HTML

from trainer import create_app
from trainer.core import jobs
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User
from trainer.modules.accounts.operations import create_centre, create_user
from trainer.modules.certificates.models import Certificate, CertificateDocument
from trainer.modules.certificates.operations import RENDER_KIND, issue_certificate
from trainer.modules.certificates.rendering import render_certificate
from trainer.modules.learning.models import CourseCompletion

RUNS = 7
ZIP_SIZE = 200
PASSWORD = "benchmark password that is long enough"


def one_line_pdf() -> bytes:
    return HTML(string="<p>One line.</p>").write_pdf()


def make_app(folder: Path, content_dir: Path) -> Flask:
    return create_app(
        {
            "ENV": "testing",
            "SECRET_KEY": "benchmark-secret-key-that-is-long-enough",
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite'}",
            "CONTENT_DIR": str(content_dir),
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )


def completed_learner(centre: Centre, number: int) -> tuple[User, CourseCompletion]:
    user = create_user(
        email=f"learner{number}@example.org",
        name=f"Learner Number {number}",
        locale="fi",
        centre=centre,
        password=PASSWORD if number == 0 else None,
    )
    completion = CourseCompletion(user_id=user.id)
    db.session.add(completion)
    db.session.flush()
    return user, completion


def fill_centre(centre: Centre, model: Certificate, pdf: bytes) -> None:
    """ZIP_SIZE - 1 more certificates like `model`. Its PDF stands in for theirs: the
    ZIP's cost is in reading and writing the bytes, not in what they say."""
    for number in range(1, ZIP_SIZE):
        user, completion = completed_learner(centre, number)
        certificate = Certificate(
            code=f"BENCH{number:011d}",
            user_id=user.id,
            completion_id=completion.id,
            centre_id=centre.id,
            language=model.language,
            expires_at=model.expires_at,
            snapshot={**model.snapshot, "holder": user.name},
        )
        db.session.add(certificate)
        db.session.flush()
        db.session.add(
            CertificateDocument(certificate_id=certificate.id, language=model.language, pdf=pdf)
        )
    db.session.commit()


def resident_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def memory_over(renders: int, certificate: Certificate) -> tuple[float, float]:
    """Resident MiB after 50 renderings and after `renders`."""
    settled = 0.0
    for number in range(renders):
        certificate.snapshot = {**certificate.snapshot, "holder": f"Learner Number {number}"}
        render_certificate(certificate, certificate.language)
        if number == min(49, renders - 1):
            settled = resident_mib()
    return settled, resident_mib()


def main(content_dir: Path, renders: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(Path(folder), content_dir)
        with app.app_context():
            upgrade()
            run(app, renders)
            db.session.remove()
            db.engine.dispose()


def sign_in(client: FlaskClient, email: str) -> None:
    client.post("/logout")
    client.post("/login", data={"email": email, "password": PASSWORD})


def time_download(client: FlaskClient, certificate: Certificate, pdf: bytes) -> float:
    sign_in(client, "learner0@example.org")
    url = f"/certificates/{certificate.id}/{certificate.language}.pdf"
    assert client.get(url).data == pdf
    return best_of(RUNS * 3, lambda: client.get(url))


def time_zip(client: FlaskClient, centre: Centre) -> tuple[float, int]:
    manager = create_user(email="manager@example.org", name="M", role="manager", password=PASSWORD)
    manager.managed_centres = [centre]
    db.session.commit()
    sign_in(client, "manager@example.org")
    url = f"/certificates/centres/{centre.id}/certificates.zip"
    return best_of(RUNS, lambda: client.get(url)), len(client.get(url).data)


def run(app: Flask, renders: int) -> None:
    one_line_pdf()  # warm-up: WeasyPrint's own start-up is not what is measured
    centre = create_centre("Vastaanottokeskus")
    learner, _ = completed_learner(centre, 0)
    issue = timed(lambda: issue_certificate(learner.id))
    db.session.commit()
    drawn = timed(lambda: jobs.run_due(RENDER_KIND))
    certificate = db.session.scalars(db.select(Certificate)).one()
    floor, render = best_of_pair(
        RUNS * 2, one_line_pdf, lambda: render_certificate(certificate, certificate.language)
    )
    pdf = db.session.scalars(db.select(CertificateDocument.pdf)).one()
    fill_centre(centre, certificate, pdf)
    client = app.test_client()
    download = time_download(client, certificate, pdf)
    archive, size = time_zip(client, centre)
    settled, last = memory_over(renders, certificate)

    print(f"floor:          {floor * 1000:8.2f} ms  (WeasyPrint, one-line document)")
    print(
        f"render:         {render * 1000:8.2f} ms  {render / floor:5.1f} x the floor (target < 3)"
    )
    print(f"issue:          {issue * 1000:8.2f} ms  (snapshot, queued job: the request's part)")
    print(f"worker draws:   {drawn * 1000:8.2f} ms  (sign, render, store; first in the process)")
    print(f"PDF size:       {len(pdf) / 1024:8.1f} KiB")
    print(f"download:       {download * 1000:8.2f} ms  (stored bytes; target < 20 ms)")
    print(f"ZIP of {ZIP_SIZE}:     {archive * 1000:8.2f} ms  ({size / 1024 / 1024:.1f} MiB)")
    growth = (last - settled) * 1024 / max(1, renders - 50)
    print(
        f"memory:         {settled:8.1f} MiB after 50 renders, {last:.1f} MiB after {renders}"
        f"  ({growth:+.1f} KiB a render; flat is the target)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("content_dir", nargs="?", type=Path, default=Path("content"))
    parser.add_argument("--renders", type=int, default=1000)
    arguments = parser.parse_args()
    main(arguments.content_dir, arguments.renders)
