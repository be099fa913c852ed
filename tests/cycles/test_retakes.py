"""A change to one module that requires retraining: only people certified on its older
version retake it, only it, with the note in their language; a minor change asks
nothing of anyone."""

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from tests.cycles.conftest import START
from tests.helpers.app import TEST_COURSE, AuthActions, Client, make_app
from tests.helpers.mailbox import Mailbox, deliver
from tests.helpers.progress import finish, person, read
from tests.helpers.quizzes import form_for, start_attempt
from trainer.core import jobs
from trainer.core.time import travel_to, utcnow
from trainer.extensions import db
from trainer.modules.certificates.codes import display_code
from trainer.modules.certificates.models import (
    Certificate,
    CertificateCredential,
    CertificateDocument,
    Status,
)
from trainer.modules.courses import load_content
from trainer.modules.cycles.models import ModuleRetake
from trainer.modules.cycles.queries import people_cycles
from trainer.modules.cycles.status import CycleStatus

NOTES = {
    "en": "The referral steps now start with the safety check.",
    "fi": "Ohjauksen vaiheet alkavat nyt turvallisuuden arvioinnilla.",
    "sv": "Hänvisningens steg börjar nu med säkerhetsbedömningen.",
}


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(TEST_COURSE, folder)
    return folder


@pytest.fixture
def app_settings(mailbox, content):
    return {
        **mailbox.settings,
        "BASE_URL": "https://trainer.example.org",
        "CONTENT_DIR": str(content),
    }


def change(content: Path, module: str, pass_mark: int, *, retraining: bool) -> str:
    """Change the module's pass mark in every language and record the change; return
    the new content version."""
    for language in ("en", "fi", "sv"):
        path = next((content / language).glob(f"*-{module}.md"))
        text = re.sub(r"pass_mark: \d+", f"pass_mark: {pass_mark}", path.read_text())
        path.write_text(text)
    version = load_content(content).catalogue.module("en", module).version
    for language in ("en", "fi", "sv"):
        path = next((content / language).glob(f"*-{module}.md"))
        entry = (
            f"changes:\n  - version: {version}\n    retraining: {str(retraining).lower()}\n"
            f"    note: {NOTES[language]}\n---\n"
        )
        path.write_text(path.read_text().replace("---\n", entry, 2).replace(entry, "---\n", 1))
    return version


@pytest.fixture
def certified(users, centres):
    """Two learners certified on the course as it was; a third not yet done."""
    made = {
        "anna": person("Anna Certified", centres["a"]),
        "bo": person("Bo Certified", centres["a"], locale="fi"),
    }
    for someone in made.values():
        finish(someone)
    made["cai"] = person("Cai Started", centres["a"])
    read(made["cai"], "recognising", "definition")
    db.session.commit()
    return made


@contextmanager
def using(app: Flask) -> Iterator[None]:
    """The app's context; its connections closed after, not left to the garbage collector."""
    with app.app_context():
        try:
            yield
        finally:
            db.session.remove()
            db.engine.dispose()


def run_with(database_url, settings) -> Flask:
    """`trainer cycles run` by an app that loaded the changed content."""
    changed = make_app(database_url, **settings)
    changed.test_client_class = Client
    with using(changed):
        result = changed.test_cli_runner().invoke(args=["cycles", "run"])
        assert result.exit_code == 0, result.output
        deliver()
    return changed


def test_a_major_change_asks_only_that_module_of_those_certified_before(
    app, database_url, app_settings, content, certified, mailbox
):
    version = change(content, "helping", 75, retraining=True)
    changed = run_with(database_url, app_settings)
    run_with(database_url, app_settings)  # a second run asks and tells nothing again
    retakes = db.session.scalars(select(ModuleRetake).order_by(ModuleRetake.user_id)).all()
    assert [(r.user_id, r.module_id, r.version) for r in retakes] == [
        (certified["anna"].id, "helping", version),
        (certified["bo"].id, "helping", version),
    ]
    (to_anna,) = mailbox.to(certified["anna"].email)
    assert to_anna["Subject"] == "Please retake the module Helping a possible victim"
    assert NOTES["en"] in Mailbox.body(to_anna)
    (to_bo,) = mailbox.to(certified["bo"].email)
    assert NOTES["fi"] in Mailbox.body(to_bo)
    assert mailbox.to(certified["cai"].email) == []
    # The rest of their standing is untouched: the certificate valid, the same cycle.
    for someone in ("anna", "bo"):
        assert (
            db.session.scalars(
                select(Certificate).where(Certificate.user_id == certified[someone].id)
            )
            .one()
            .status()
            is Status.VALID
        )
    standing = people_cycles([certified["anna"].id, certified["bo"].id], utcnow())
    assert {s.status for s in standing.values()} == {CycleStatus.RETAKE}

    with using(changed):
        client = changed.test_client()
        AuthActions(client).login(certified["anna"].email)
        history = client.get("/cycles").get_data(as_text=True)
        assert "Modules to retake" in history and NOTES["en"] in history
        attempt = start_attempt(client, "helping")
        assert attempt.content_version == version
        client.post(f"/attempts/{attempt.id}", data=form_for(attempt))
    db.session.expire_all()
    standing = people_cycles([certified["anna"].id, certified["bo"].id], utcnow())
    assert standing[certified["anna"].id].status is CycleStatus.VALID
    assert standing[certified["bo"].id].retakes == ("helping",)


def test_a_minor_change_asks_nothing(app, database_url, app_settings, content, certified, mailbox):
    change(content, "recognising", 85, retraining=False)
    run_with(database_url, app_settings)
    assert db.session.scalars(select(ModuleRetake)).all() == []
    # The managers' digest tells of the new certificates; the learners hear nothing.
    assert {m["To"] for m in mailbox.messages} == {"manager@example.org"}


@pytest.fixture
def certified_at_start(users, centres):
    """Anna and Bo certified at START on the course as it was."""
    made = {
        "anna": person("Anna Certified", centres["a"]),
        "bo": person("Bo Certified", centres["a"], locale="fi"),
    }
    with travel_to(START):
        certificates = {name: finish(someone) for name, someone in made.items()}
    db.session.commit()
    return made, certificates


def certificates_of(user_id: int) -> list[Certificate]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Certificate).where(Certificate.user_id == user_id).order_by(Certificate.id)
        )
    )


def pass_retake(changed: Flask, email: str, module_id: str) -> str:
    """Sign in on the changed course, pass the module's quiz; where the learner lands."""
    with using(changed):
        client = changed.test_client()
        AuthActions(client).login(email)
        attempt = start_attempt(client, module_id)
        response = client.post(f"/attempts/{attempt.id}", data=form_for(attempt))
        assert response.status_code == 302
        landing = response.headers["Location"]
        page = client.get(landing).get_data(as_text=True)
    return page


def test_the_last_retake_passed_issues_a_certificate_of_the_new_version(
    app, client, database_url, app_settings, content, certified_at_start
):
    made, before = certified_at_start
    anna, first = made["anna"], before["anna"]
    version = change(content, "helping", 75, retraining=True)
    with travel_to(START + timedelta(days=40)):
        changed = run_with(database_url, app_settings)
        page = pass_retake(changed, anna.email, "helping")
        # The worker's pass over certificate jobs, for an issuing that leaves the PDF
        # and the credential to it (none to run where the request draws them).
        jobs.run_due("certificate.")

    old, new = certificates_of(anna.id)
    assert old.id == first.id and old.edition == 1 and new.edition == 2
    assert new.completion_id == old.completion_id and new.code != old.code
    assert new.snapshot["versions"]["helping"] == version
    assert old.snapshot["versions"]["helping"] != version
    assert new.course_version != old.course_version
    # The rule: a retake does not restart the cycle; the expiry date stays.
    assert new.expires_at == old.expires_at
    assert new.issued_at.date() == (START + timedelta(days=40)).date()
    # Issued the normal way: its credential signed, its PDF stored, the issue audited.
    assert db.session.scalar(
        select(CertificateCredential.id).where(CertificateCredential.certificate_id == new.id)
    )
    assert db.session.scalar(
        select(CertificateDocument.id).where(CertificateDocument.certificate_id == new.id)
    )
    # The earlier edition stays valid until its (the same) date, as a renewed one does.
    assert old.status() is Status.VALID and old.revoked_at is None
    # The learner landed on their certificate, told it is up to date.
    assert "Your certificate is up to date" in page
    assert display_code(new.code) in page

    with travel_to(START + timedelta(days=41)):
        verify_new = client.get(f"/verify/{display_code(new.code)}").get_data(as_text=True)
        verify_old = client.get(f"/verify/{display_code(old.code)}").get_data(as_text=True)
        standing = people_cycles([anna.id], utcnow())[anna.id]
    assert new.course_version in verify_new and "genuine and valid" in verify_new
    assert old.course_version in verify_old
    assert f"a later edition of this certificate covers course version {new.course_version}" in (
        verify_old
    )
    assert standing.status is CycleStatus.VALID and standing.expires_at == old.expires_at
    # Bo has not retaken it: his certificate is as it was.
    assert [c.id for c in certificates_of(made["bo"].id)] == [before["bo"].id]


def test_the_history_and_the_personal_data_export_show_both_editions(
    app, client, auth, database_url, app_settings, content, certified_at_start
):
    made, _before = certified_at_start
    change(content, "helping", 75, retraining=True)
    changed = run_with(database_url, app_settings)
    pass_retake(changed, made["anna"].email, "helping")
    old, new = certificates_of(made["anna"].id)
    auth.login(made["anna"].email)
    history = client.get("/cycles").get_data(as_text=True)
    assert display_code(new.code) in history and new.course_version in history
    assert "Earlier edition" in history and display_code(old.code) in history
    auth.logout()
    auth.login("admin")
    data = client.post(f"/admin/users/{made['anna'].id}/personal-data.json").get_json()
    (cycle,) = data["training_cycles"]
    assert (cycle["certificate"], cycle["earlier_certificates"]) == (new.code, [old.code])
    assert [(c["code"], c["edition"]) for c in data["certificates"]] == [
        (old.code, 1),
        (new.code, 2),
    ]


def test_a_pass_after_a_minor_change_issues_nothing(
    app, database_url, app_settings, content, certified_at_start
):
    made, before = certified_at_start
    change(content, "helping", 75, retraining=False)
    changed = run_with(database_url, app_settings)
    page = pass_retake(changed, made["anna"].email, "helping")
    assert "Your certificate is up to date" not in page
    assert [c.id for c in certificates_of(made["anna"].id)] == [before["anna"].id]


def test_only_the_last_retake_owed_brings_the_new_certificate(
    app, database_url, app_settings, content, certified_at_start
):
    made, before = certified_at_start
    change(content, "helping", 75, retraining=True)
    change(content, "recognising", 85, retraining=True)
    changed = run_with(database_url, app_settings)
    page = pass_retake(changed, made["anna"].email, "helping")
    assert "Your certificate is up to date" not in page
    assert [c.id for c in certificates_of(made["anna"].id)] == [before["anna"].id]
    page = pass_retake(changed, made["anna"].email, "recognising")
    assert "Your certificate is up to date" in page
    assert [c.edition for c in certificates_of(made["anna"].id)] == [1, 2]
