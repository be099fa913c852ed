"""Input rules at the edge: names, e-mails and numbers (findings 5 and 6 of [hardening-2]).

Before: a control character in a name broke the centre's XLSX export (a 500), CR/LF
and NUL were stored, a NUL or a 195-character e-mail at sign-in gave a 500 on
PostgreSQL, and '²' (which str.isdigit() accepts and int() refuses) or an id beyond
64 bits gave a 500 on the dashboard, the quiz, and every page with an id in its URL.
"""

import io

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook
from sqlalchemy import func, select, update
from werkzeug.routing import ValidationError

from tests.helpers.app import PASSWORD
from tests.helpers.certificates import issue_for
from tests.helpers.quizzes import form_for, start_attempt
from trainer.core.audit import AuditEvent
from trainer.extensions import db
from trainer.modules.accounts.models import Centre, User
from trainer.modules.accounts.operations import AccountError, create_centre, create_user
from trainer.modules.quizzes.answers import field_name

MESSAGE = "Line breaks, tabs and other invisible control characters are not allowed here."
HOSTILE_TEXT = ["Anna\x00Nul", "Anna\nBreak", "Anna\r\nCRLF", "Anna\tTab", "Anna\x07Bell",
                "Anna\x1bEsc", "Anna\x85Nel", "Anna\u2028Line", "Anna\u202eReversed"]  # fmt: skip
HUGE = "9" * 25  # beyond 64 bits
ODD_NUMBERS = [
    "²",
    "٣",
    "\U0001d7d9",
    "-1",
    "0",
    "1.5",
    " 1",
    "1e3",
    HUGE,
    "9" * 5000,
    "2147483648",
]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_control_characters_are_found(text):
    from trainer.core.inputs import forbidden_character, printable

    assert forbidden_character(text) is not None
    assert forbidden_character(printable(text)) is None


@pytest.mark.parametrize(
    "text", ["Anna Virtanen", "Åsa Öberg-Ekström", "محمد", "زهرا\u200cی", "李小龍", "O'Brien"]
)
def test_names_of_people_pass(text):
    from trainer.core.inputs import forbidden_character

    assert forbidden_character(text) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [("1", 1), ("0042", 42), ("2147483647", 2**31 - 1), *((odd, None) for odd in ODD_NUMBERS)],
)
def test_whole_numbers_are_ascii_digits_within_range(text, number):
    from trainer.core.inputs import whole_number

    expected = None if number == 0 else number
    assert whole_number(text, minimum=1) == expected


def test_the_id_converter_refuses_what_is_not_an_id(app):
    from trainer.core.inputs import IdConverter

    converter = IdConverter(app.url_map)
    assert converter.to_python("17") == 17
    for odd in ("0", "2147483648", "٣"):
        with pytest.raises(ValidationError):
            converter.to_python(odd)


def test_every_number_in_a_route_is_an_id(app):
    """Werkzeug's own <int:...> takes numbers beyond 64 bits (and <float:...> more)."""
    from werkzeug.routing.converters import NumberConverter

    for rule in app.url_map.iter_rules():
        for name, converter in rule._converters.items():
            assert not isinstance(converter, NumberConverter), f"{rule.rule}: use <id:{name}>"


@pytest.mark.parametrize("name", HOSTILE_TEXT)
def test_an_admin_cannot_create_a_person_or_centre_with_control_characters(
    client, auth, users, name
):
    auth.login("admin")
    before = {
        model: db.session.scalar(select(func.count()).select_from(model))
        for model in (User, Centre)
    }
    response = client.post(
        "/admin/users",
        data={
            "name": name,
            "email": "new@example.org",
            "role": "learner",
            "centre": "0",
            "locale": "en",
            "password": "a long enough password 123",
        },
    )
    assert response.status_code == 400
    assert MESSAGE in response.get_data(as_text=True)
    response = client.post("/admin/centres", data={"name": name})
    assert response.status_code == 400
    assert MESSAGE in response.get_data(as_text=True)
    for model, count in before.items():
        assert db.session.scalar(select(func.count()).select_from(model)) == count


def test_operations_refuse_control_characters_whatever_calls_them(app, centres):
    """`trainer users create`, an import, SCIM: all create accounts through these."""
    with force_locale("en"):
        with pytest.raises(AccountError, match="control characters"):
            create_user(email="x@example.org", name="Bad\x00Name")
        with pytest.raises(AccountError, match="control characters"):
            create_user(email="bad\x07@example.org", name="Bad Address")
        with pytest.raises(AccountError, match="longer than 200"):
            create_user(email="x@example.org", name="n" * 201)
        with pytest.raises(AccountError, match="control characters"):
            create_centre("Centre\nBreak")


def test_a_staff_list_with_control_characters_is_refused_row_by_row(client, auth, users, centres):
    auth.login("manager")
    data = b"Anna First,anna@example.org,sv\nBad\x01Name,bad@example.org,fi\n"
    response = client.post(
        "/people/import",
        data={"centre": str(centres["a"].id), "staff_file": (io.BytesIO(data), "staff.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert MESSAGE in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "email", ["learner\x00@example.org", "learner@example.org\r\nBcc: x", "\x1b[31m@example.org"]
)
def test_sign_in_with_control_characters_is_a_form_error(client, users, email):
    response = client.post("/login", data={"email": email, "password": "whatever it is"})
    assert response.status_code == 400
    assert MESSAGE in response.get_data(as_text=True)


def test_sign_in_with_the_longest_email_a_column_holds_is_an_ordinary_failure(client, users):
    email = "a" * 240 + "@example.org"  # 252 characters; "email:" and it passed 200
    response = client.post("/login", data={"email": email, "password": "whatever it is"})
    assert response.status_code == 200
    assert "The e-mail or password is not right." in response.get_data(as_text=True)
    subjects = db.session.scalars(select(AuditEvent.subject)).all()
    assert f"email:{email}" in subjects


def test_sign_in_with_an_email_longer_than_any_column_is_a_form_error(client, users):
    response = client.post(
        "/login", data={"email": "a" * 300 + "@example.org", "password": "whatever it is"}
    )
    assert response.status_code == 400


def test_the_xlsx_exports_survive_a_name_stored_before_the_rules(client, auth, users):
    """Stored before the rules, or written past them: the export shows it, it does not fail."""
    odd = "Odd\x01Name\x1f"
    db.session.execute(update(User).where(User.id == users["learner"].id).values(name=odd))
    db.session.commit()
    for role in ("manager", "admin"):
        auth.login(role)
        response = client.get("/reports/completion.xlsx")
        assert response.status_code == 200, role
        names = [row[0] for row in load_workbook(io.BytesIO(response.data)).active.values]
        assert "Odd\ufffdName\ufffd" in names
        assert client.get("/reports/completion.csv").status_code == 200
        auth.logout()


@pytest.mark.parametrize("odd", ODD_NUMBERS)
def test_odd_numbers_in_query_strings_fall_back_or_are_not_found(client, auth, users, odd):
    auth.login("admin")
    for path in ("/reports", "/reports/completion.csv", "/admin/audit"):
        for name in ("page", "centre"):
            status = client.get(path, query_string={name: odd}).status_code
            assert status in (200, 404), (path, name, odd, status)


@pytest.mark.parametrize("odd", ODD_NUMBERS)
def test_odd_ids_in_addresses_are_not_found(client, auth, users, odd):
    auth.login("admin")
    for path in (
        f"/attempts/{odd}",
        f"/certificates/{odd}/en.pdf",
        f"/certificates/{odd}/revoke",
        f"/certificates/centres/{odd}",
        f"/reports/people/{odd}",
        f"/admin/users/{odd}",
        f"/people/{odd}/invitation",
    ):
        response = client.post(path) if path.endswith("invitation") else client.get(path)
        assert response.status_code == 404, (path, response.status_code)


@pytest.mark.parametrize("odd", ["²", "٣", HUGE, "0", "-1", ""])
def test_an_odd_quiz_answer_is_a_form_error(client, auth, users, odd):
    auth.login("learner")
    attempt = start_attempt(client, "recognising")
    data = form_for(attempt)
    data[field_name(1)] = odd
    for key in [k for k in data if k.startswith(f"{field_name(1)}-step")]:
        data[key] = odd
    response = client.post(f"/attempts/{attempt.id}", data=data)
    assert response.status_code == 400


def test_a_certificate_holder_gets_the_same_answer_for_odd_and_unknown_ids(client, auth, users):
    issue_for(users["learner"])
    auth.login("learner", password=PASSWORD)
    assert client.get("/certificates/2147483647/en.pdf").status_code == 404
    assert client.get(f"/certificates/{HUGE}/en.pdf").status_code == 404
