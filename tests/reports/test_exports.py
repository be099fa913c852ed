"""Exports: CSV for Excel in the reader's language with neutralised formulas; XLSX stored as
text, with fitted columns, a frozen header row and a filter."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.helpers.progress import person
from trainer.core.spreadsheets import neutralise
from trainer.extensions import db

DANGEROUS = ['=HYPERLINK("http://evil")', "+1+2", "-3", "@SUM(A1)"]


@pytest.fixture
def dangerous_names(users, centres):
    for number, name in enumerate(DANGEROUS):
        person(f"Name {number}", centres["a"]).name = name
    db.session.commit()


def csv_rows(response, delimiter=","):
    raw = response.data
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_has_a_bom_a_header_and_the_filtered_rows(client, auth, staff):
    auth.login("manager")
    response = client.get("/reports/completion.csv?status=completed&sort=name")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    header, *rows = csv_rows(response)
    assert header[:4] == ["Name", "E-mail", "Centre", "Status"]
    assert [row[0] for row in rows] == ["Dora Done", "Eve Expiring"]
    dora = dict(zip(header, rows[0], strict=True))
    assert dora["Status"] == "Completed"
    assert dora["Progress %"] == "100"
    assert dora["Best score: Recognising the signs"] == "90"
    assert dora["Certificate status"] == "Valid"
    assert len(dora["Certificate code"]) == 19


@pytest.mark.parametrize(
    ("language", "header", "completed"),
    [
        ("fi", ["Nimi", "Sähköposti", "Yksikkö", "Tila"], "Suoritettu"),
        ("sv", ["Namn", "E-post", "Enhet", "Status"], "Slutförd"),
    ],
)
def test_csv_in_finnish_and_swedish_uses_semicolons_and_their_words(
    client, auth, staff, language, header, completed
):
    """Excel in Finland and Sweden splits on semicolons; the words are the reader's."""
    auth.login("manager")
    client.post("/account/language", data={"locale": language})
    rows = csv_rows(client.get("/reports/completion.csv?sort=name"), delimiter=";")
    assert len(rows) == 8
    assert all(len(row) == len(rows[0]) for row in rows)
    assert rows[0][:4] == header
    dora = next(row for row in rows if row[0] == "Dora Done")
    assert dora[3] == completed


def test_csv_in_english_uses_commas(client, auth, staff):
    auth.login("manager")
    client.post("/account/language", data={"locale": "en"})
    raw = client.get("/reports/completion.csv").data.decode("utf-8-sig")
    assert raw.startswith("Name,E-mail,Centre,Status,")
    assert ";" not in raw.splitlines()[0]


def test_csv_neutralises_cells_that_would_run_as_formulas(client, auth, dangerous_names):
    auth.login("manager")
    names = [row[0] for row in csv_rows(client.get("/reports/completion.csv"))[1:]]
    for name in DANGEROUS:
        assert "'" + name in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("\tx", "'\tx"), ("Anna", "Anna"), ("a=b", "a=b"), ("", "")],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_xlsx_stores_every_text_as_text(client, auth, dangerous_names):
    auth.login("manager")
    response = client.get("/reports/completion.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert sorted(cell.value for cell in cells) == sorted([*DANGEROUS, "Test Learner"])
    assert all(cell.data_type == "s" for cell in cells)


def test_xlsx_keeps_the_header_in_view_filters_and_fits_its_columns(client, auth, staff):
    auth.login("manager")
    client.post("/account/language", data={"locale": "fi"})
    sheet = load_workbook(io.BytesIO(client.get("/reports/completion.xlsx").data)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[:2] == ("Nimi", "Sähköposti")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{len(rows) + 1}"
    widths = {letter: sheet.column_dimensions[letter].width for letter in ("A", "B", "D")}
    longest_email = max(len(row[1]) for row in rows)
    assert longest_email < widths["B"] <= longest_email + 5
    assert widths["A"] < widths["B"], "a column is as wide as its content, not one width for all"
    assert len("Tila") < widths["D"]


def test_xlsx_has_numbers_and_dates(client, auth, staff):
    auth.login("manager")
    sheet = load_workbook(io.BytesIO(client.get("/reports/completion.xlsx?status=completed").data))
    header, *rows = list(sheet.active.iter_rows(values_only=True))
    dora = dict(zip(header, rows[0], strict=True))
    assert dora["Progress %"] == 100
    assert dora["Due date"].year >= 2020  # a real date, not text
    assert dora["Overdue"] == "no"
