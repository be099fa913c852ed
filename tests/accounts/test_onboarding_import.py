"""Bringing staff in from a CSV: preview, every bad row, all or nothing, and re-imports."""

import html
import io
import re

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.helpers.mailbox import deliver, free_port
from trainer.core.audit import AuditEvent
from trainer.core.jobs import Job
from trainer.extensions import db
from trainer.modules.accounts import operations
from trainer.modules.accounts.models import AccountToken, User, user_by_email
from trainer.modules.accounts.onboarding import ImportPlan
from trainer.modules.accounts.onboarding_views import pack

GOOD = (
    "name,email,language\n"
    "Anna Andersson,anna@example.org,sv\n"
    "Matti Meikäläinen,Matti@Example.org,fi\n"
    "John Smith,john@example.org,en\n"
).encode()
# As Excel in Finland saves "CSV UTF-8": a byte-order mark, semicolons, CRLF, Finnish header.
FINNISH_EXCEL = (
    "\ufeffNimi;Sähköposti;Kieli\r\n"
    "Äijä Öhman;aija.ohman@example.org;suomi\r\n"
    '"Lindqvist; Maj-Britt";maj-britt@example.org;ruotsi\r\n'
    ";;\r\n"
).encode()


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def upload(client, data: bytes, centre_id: int):
    return client.post(
        "/people/import",
        data={"centre": str(centre_id), "staff_file": (io.BytesIO(data), "staff.csv")},
        content_type="multipart/form-data",
    )


def hidden(page: str, name: str) -> str:
    return html.unescape(re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page)[1])


def confirm(client, preview_page: str, **changes):
    data = {name: hidden(preview_page, name) for name in ("centre", "content", "digest")}
    return client.post("/people/import/confirm", data={**data, **changes})


def test_a_good_file_is_previewed_then_imported_with_invitations(client, auth, users, centres):
    auth.login("manager")
    preview = upload(client, GOOD, centres["a"].id)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "3 new people will be added and invited." in page
    assert "matti@example.org" in page
    assert user_by_email("anna@example.org") is None  # nothing before confirming
    response = confirm(client, page)
    assert response.status_code == 302
    for email, locale in [("anna", "sv"), ("matti", "fi"), ("john", "en")]:
        user = user_by_email(f"{email}@example.org")
        assert (user.role, user.centre_id, user.locale) == ("learner", centres["a"].id, locale)
        assert user.password_hash is None
    assert count(AccountToken) == 3
    assert db.session.scalars(select(Job.kind)).all() == ["mail.invitation"] * 3
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "people.imported"))
    assert event.detail == {"created": 3, "updated": 0}


def test_finnish_excel_with_bom_and_semicolons(client, auth, users, centres):
    auth.login("manager")
    page = upload(client, FINNISH_EXCEL, centres["a"].id).get_data(as_text=True)
    assert "2 new people will be added and invited." in page
    assert confirm(client, page).status_code == 302
    assert user_by_email("aija.ohman@example.org").name == "Äijä Öhman"
    maj_britt = user_by_email("maj-britt@example.org")
    assert (maj_britt.name, maj_britt.locale) == ("Lindqvist; Maj-Britt", "sv")


def test_without_header_or_language_new_people_get_finnish(client, auth, users, centres):
    auth.login("manager")
    page = upload(client, b"Pia Pohjola;pia@example.org\n", centres["a"].id).get_data(as_text=True)
    assert confirm(client, page).status_code == 302
    assert user_by_email("pia@example.org").locale == "fi"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Nina Noemail,,fi", "The e-mail address is missing."),
        ("Bad Address,not-an-address,fi", "“not-an-address” is not an e-mail address."),
        ("Hans Deutsch,hans@example.org,de", "Unknown language “de”: write fi, sv or en."),
        (",nameless@example.org,fi", "The name is missing."),
        ("Too,Many,Columns,Here", "Expected name, e-mail and language; found 4 columns."),
        ("Second Anna,ANNA@example.org,sv", "The same e-mail address is on line 1."),
    ],
)
def test_each_kind_of_bad_row_is_reported_and_nothing_imported(
    client, auth, users, centres, row, reason
):
    operations.create_user(email="elsewhere@example.org", name="Bo", centre=centres["b"])
    db.session.commit()
    users_before = count(User)
    auth.login("manager")
    data = f"Anna First,anna@example.org,sv\n{row}\nJohn Smith,john@example.org,en\n".encode()
    response = upload(client, data, centres["a"].id)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "1 row needs fixing. Nothing has been imported." in page
    assert re.search(r"<th scope=\"row\">2</th>", page), "the bad row's line number"
    assert reason in page
    assert "Import and send the invitations" not in page
    assert count(User) == users_before


def test_every_bad_row_is_listed_with_its_line(client, auth, users, centres):
    auth.login("manager")
    data = (
        b"name,email,language\nOk One,ok1@example.org,fi\nBad,@,fi\n\nOk Two,ok2@example.org,xx\n"
    )
    page = upload(client, data, centres["a"].id).get_data(as_text=True)
    assert "2 rows need fixing." in page
    assert re.findall(r'<th scope="row">(\d+)</th>', page) == ["3", "5"]


NORDIC_STAFF = [
    ("Åsa Öberg", "asa.oberg@example.org", "sv"),
    ("Äijä Mäkelä", "aija.makela@example.org", "fi"),
]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("cp1252", ";"),  # Excel's plain "CSV" on a Finnish Windows
        ("cp1252", ","),
        ("utf-8-sig", ";"),  # "CSV UTF-8"
        ("utf-8", ","),
        ("utf-16", "\t"),  # "Unicode text"
    ],
)
def test_what_excel_saves_imports_with_its_letters(
    client, auth, users, centres, encoding, delimiter
):
    lines = ["Nimi;Sähköposti;Kieli"] + [";".join(person) for person in NORDIC_STAFF]
    data = "\r\n".join(line.replace(";", delimiter) for line in lines).encode(encoding)
    auth.login("manager")
    page = upload(client, data, centres["a"].id).get_data(as_text=True)
    assert "2 new people will be added and invited." in page
    assert "Åsa Öberg" in page and "Äijä Mäkelä" in page
    assert confirm(client, page).status_code == 302
    for name, email, language in NORDIC_STAFF:
        user = user_by_email(email)
        assert (user.name, user.locale) == (name, language)


def test_a_file_mixing_utf8_and_another_encoding_is_refused_with_its_line(
    client, auth, users, centres
):
    """Read either way, one of the lines would come out garbled: better to ask."""
    data = "name,email\nÄijä,aija@example.org\n".encode() + "Åsa,asa@example.org\n".encode("cp1252")
    auth.login("manager")
    response = upload(client, data, centres["a"].id)
    assert response.status_code == 400
    assert "Line 3 is not UTF-8 text." in response.get_data(as_text=True)
    assert user_by_email("aija@example.org") is None


XLSX_START = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (XLSX_START + bytes(range(256)), "This file is not a CSV text file."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This file is not a CSV text file."),
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\r\n;;\r\n", "The file is empty."),
        (b"Nimi;S\xc3\xa4hk\xc3\xb6posti;Kieli\r\n", "The file has no people in it."),
        (b"Etunimi;Osoite\nAnna;Helsinki\n", "The first row is not a header this list can read."),
        (b"name;phone\nAnna;0401234567\n", "The header row needs a column for the name"),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_message_and_changes_nothing(
    client, auth, users, centres, data, message
):
    before = count(User)
    auth.login("manager")
    response = upload(client, data, centres["a"].id)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert message in page
    assert 'name="staff_file"' in page, "the upload form is there to try again"
    assert count(User) == before


def test_an_unknown_header_is_explained_in_the_readers_language(client, auth, users, centres):
    auth.login("manager")
    client.post("/account/language", data={"locale": "sv"})
    page = upload(client, b"Etunimi;Osoite\nAnna;Helsinki\n", centres["a"].id)
    assert "Ge kolumnerna namnen namn, e-post, språk" in page.get_data(as_text=True)


def test_a_list_longer_than_any_centre_is_refused(client, auth, users, centres, monkeypatch):
    monkeypatch.setattr("trainer.modules.accounts.staff_csv.MAX_PEOPLE", 2)
    auth.login("manager")
    data = b"".join(b"P%d,p%d@example.org\n" % (n, n) for n in range(3))
    response = upload(client, data, centres["a"].id)
    assert response.status_code == 400
    assert "The list has more than 2 people." in response.get_data(as_text=True)
    assert user_by_email("p0@example.org") is None


def test_a_file_larger_than_any_upload_is_refused_with_a_message(app, client, auth, users, centres):
    auth.login("manager")
    before = count(User)
    huge = b"Anna,anna@example.org,fi\n" * (app.config["MAX_CONTENT_LENGTH"] // 20)
    # Encoded in memory: the test client would spool it to a file it never closes.
    boundary, body = encode_multipart(
        {"centre": str(centres["a"].id), "staff_file": FileStorage(io.BytesIO(huge), "staff.csv")}
    )
    response = client.post(
        "/people/import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 413
    assert "larger than this service accepts" in response.get_data(as_text=True)
    assert count(User) == before


def test_a_mixed_file_previews_the_good_rows_next_to_the_bad(client, auth, users, centres):
    auth.login("manager")
    client.post("/account/language", data={"locale": "fi"})
    data = (
        "Nimi;Sähköposti;Kieli\n"
        "Anna Andersson;anna@example.org;sv\n"
        "Bertta Virhe;ei-osoite;fi\n"
        "Matti Meikäläinen;matti@example.org;fi\n"
    ).encode("cp1252")
    response = upload(client, data, centres["a"].id)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "1 rivi on korjattava." in page
    assert re.findall(r'<th scope="row">(\d+)</th>', page) == ["3"]
    assert "”ei-osoite” ei ole sähköpostiosoite." in page
    good = page[page.index("Kunnossa olevat rivit") :]
    assert "2 uutta henkilöä lisätään ja kutsutaan." in good
    assert "anna@example.org" in good and "Matti Meikäläinen" in good
    assert "ei-osoite" not in good
    corrected = good[good.index("<form") :]
    assert "Lähetä korjattu tiedosto tarkistettavaksi" in corrected
    assert f'<option selected value="{centres["a"].id}">' in corrected
    assert "Lataa korjattu tiedosto" not in page
    assert user_by_email("anna@example.org") is None


@pytest.mark.parametrize(
    ("language", "header", "summary"),
    [
        ("fi", "nimi;sähköposti;kieli", "2 uutta henkilöä lisätään ja kutsutaan."),
        ("sv", "namn;e-post;språk", "2 nya personer läggs till och bjuds in."),
        ("en", "name,e-mail,language", "2 new people will be added and invited."),
    ],
)
def test_the_example_names_the_columns_in_the_readers_language_and_imports(
    client, auth, users, centres, language, header, summary
):
    auth.login("manager")
    client.post("/account/language", data={"locale": language})
    form_page = client.get("/people/import").get_data(as_text=True)
    example = html.unescape(re.search(r'<pre class="csv-example">(.*?)</pre>', form_page, re.S)[1])
    assert example.splitlines()[0] == header
    preview = upload(client, example.encode(), centres["a"].id)
    assert preview.status_code == 200
    assert summary in preview.get_data(as_text=True)


def test_a_confirmation_for_a_file_with_bad_rows_imports_nothing(client, auth, users, centres):
    auth.login("manager")
    good_page = upload(client, GOOD, centres["a"].id).get_data(as_text=True)
    response = confirm(client, good_page, content=pack(GOOD + b"Bad,bad@,fi\n"))
    assert response.status_code == 409
    assert user_by_email("anna@example.org") is None


def test_an_import_that_fails_half_way_imports_nothing(client, auth, users, centres, monkeypatch):
    auth.login("manager")
    page = upload(client, GOOD, centres["a"].id).get_data(as_text=True)
    real_create = operations.create_learners

    def someone_else_was_quicker(people, centre):
        # Between the check and the insert, another request adds one of the people.
        operations.create_user(email="john@example.org", name="John")
        return real_create(people, centre)

    monkeypatch.setattr(operations, "create_learners", someone_else_was_quicker)
    response = confirm(client, page)
    assert response.status_code == 409
    assert user_by_email("anna@example.org") is None
    assert count(AccountToken) == 0
    assert count(Job) == 0


def test_a_stale_preview_is_not_imported(client, auth, users, centres):
    auth.login("manager")
    page = upload(client, GOOD, centres["a"].id).get_data(as_text=True)
    operations.create_user(email="john@example.org", name="John", centre=centres["a"])
    db.session.commit()
    response = confirm(client, page)
    assert response.status_code == 409
    assert "changed after the preview" in response.get_data(as_text=True)
    assert user_by_email("anna@example.org") is None


def test_reimporting_the_same_file_changes_nothing(client, auth, users, centres):
    auth.login("manager")
    confirm(client, upload(client, GOOD, centres["a"].id).get_data(as_text=True))
    before = (count(User), count(AccountToken), count(AuditEvent))
    names = db.session.execute(select(User.email, User.name, User.locale)).all()
    page = upload(client, GOOD, centres["a"].id).get_data(as_text=True)
    assert "3 people are up to date." in page
    assert "Import and send the invitations" not in page
    nothing = {"centre": centres["a"].id, "content": pack(GOOD), "digest": ImportPlan().digest}
    response = client.post("/people/import/confirm", data=nothing)
    assert response.status_code == 302
    assert (count(User), count(AccountToken), count(AuditEvent)) == before
    assert db.session.execute(select(User.email, User.name, User.locale)).all() == names


def test_a_changed_name_or_language_updates_and_an_empty_language_keeps(
    client, auth, users, centres
):
    auth.login("manager")
    confirm(client, upload(client, GOOD, centres["a"].id).get_data(as_text=True))
    changed = b"Anna Andersson-Berg,anna@example.org,\nMatti Meikalainen,matti@example.org,en\n"
    page = upload(client, changed, centres["a"].id).get_data(as_text=True)
    assert "2 people will be updated." in page
    assert confirm(client, page).status_code == 302
    anna, matti = user_by_email("anna@example.org"), user_by_email("matti@example.org")
    assert (anna.name, anna.locale) == ("Anna Andersson-Berg", "sv")
    assert (matti.name, matti.locale) == ("Matti Meikalainen", "en")
    assert count(AccountToken) == 3, "updated people are not invited again"


def test_a_manager_imports_only_into_their_own_centres(client, auth, users, centres):
    auth.login("manager")
    assert upload(client, GOOD, centres["b"].id).status_code == 400
    page = upload(client, GOOD, centres["a"].id).get_data(as_text=True)
    assert confirm(client, page, centre=str(centres["b"].id)).status_code == 404
    assert user_by_email("anna@example.org") is None
    assert "Centre B" not in client.get("/people/import").get_data(as_text=True)


@pytest.mark.parametrize("role", ["learner", "trainer"])
def test_learners_and_trainers_may_not_import(client, auth, users, centres, role):
    auth.login(role)
    assert client.get("/people/import").status_code == 403
    assert upload(client, GOOD, centres["a"].id).status_code == 403


def test_tampered_content_is_refused(client, auth, users, centres):
    auth.login("manager")
    page = upload(client, GOOD, centres["a"].id).get_data(as_text=True)
    assert confirm(client, page, content="not*base64").status_code == 400


def test_without_smtp_the_log_names_each_invitation_but_holds_no_link(
    client, auth, users, centres, caplog
):
    auth.login("manager")
    confirm(client, upload(client, GOOD, centres["a"].id).get_data(as_text=True))
    assert deliver().done == 3
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "to anna@example.org" in logged
    assert "/password/" not in logged


def test_the_upload_form_is_accessible(client, auth, users):
    auth.login("manager")
    page = client.get("/people/import").get_data(as_text=True)
    assert '<label for="staff_file">' in page
    assert 'enctype="multipart/form-data"' in page
    assert 'aria-describedby="staff_file-hint"' in page


@pytest.mark.parametrize(
    "app_settings", [{"SMTP_HOST": "127.0.0.1", "SMTP_PORT": free_port(), "SMTP_STARTTLS": False}]
)
def test_with_the_mail_server_down_the_import_stands_and_the_invitations_wait(
    client, auth, users, centres
):
    auth.login("manager")
    page = upload(client, GOOD, centres["a"].id).get_data(as_text=True)
    response = confirm(client, page, next="/reports")
    assert response.headers["Location"] == "/reports"
    flashed = client.get("/people/import").get_data(as_text=True)
    assert "Import done: 3 people added and invited, 0 updated." in flashed
    assert user_by_email("anna@example.org") is not None
    outcome = deliver()
    assert outcome.service_down and outcome.done == 0
    statuses = db.session.scalars(select(Job.status)).all()
    assert statuses == ["queued"] * 3
    listed = client.get("/people/invitations").get_data(as_text=True)
    assert "Queued" in listed
    assert "Anna Andersson" in listed and "SMTP server 127.0.0.1" in listed


@pytest.mark.parametrize(
    "app_settings", [{"SMTP_HOST": "127.0.0.1", "SMTP_PORT": free_port(), "SMTP_STARTTLS": False}]
)
def test_a_big_import_sends_nothing_in_the_request_and_its_message_survives(
    client, auth, users, centres, monkeypatch
):
    """The tester's 6,000 (bench/bench_import.py times those): no SMTP inside the request,
    and a message that fits a cookie whatever the mail server does later."""
    staff = "".join(f"Person {n},person{n}@example.org,fi\n" for n in range(1500)).encode()
    auth.login("manager")
    page = upload(client, staff, centres["a"].id).get_data(as_text=True)
    opened = []
    monkeypatch.setattr("smtplib.SMTP", lambda *args, **kwargs: opened.append(args))
    response = confirm(client, page)
    assert response.status_code == 302
    assert opened == []
    assert len(response.headers["Set-Cookie"]) < 1000
    shown = client.get("/people/import").get_data(as_text=True)
    assert "Import done: 1500 people added and invited, 0 updated." in shown
    assert count(Job) == 1500
