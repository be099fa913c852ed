"""Exports: CSV with a byte-order mark and neutralised formulas; XLSX stored as text."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.reports.conftest import person
from trainer.extensions import db
from trainer.modules.reports.exports import neutralise

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


def test_csv_in_finnish_uses_semicolons_as_excel_in_finland_expects(client, auth, staff):
    auth.login("manager")
    client.post("/account/language", data={"locale": "fi"})
    rows = csv_rows(client.get("/reports/completion.csv"), delimiter=";")
    assert len(rows) == 8
    assert all(len(row) == len(rows[0]) for row in rows)


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
    assert sheet.freeze_panes == "A2"


def test_xlsx_has_numbers_and_dates(client, auth, staff):
    auth.login("manager")
    sheet = load_workbook(io.BytesIO(client.get("/reports/completion.xlsx?status=completed").data))
    header, *rows = list(sheet.active.iter_rows(values_only=True))
    dora = dict(zip(header, rows[0], strict=True))
    assert dora["Progress %"] == 100
    assert dora["Due date"].year >= 2020  # a real date, not text
    assert dora["Overdue"] == "no"
