"""The XLSX writer (trainer.core.xlsx) read back by openpyxl, as a spreadsheet reads it:
every kind of cell the exports hand it, and the sheet's name, filter and frozen header."""

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from trainer.core.spreadsheets import xlsx_bytes
from trainer.core.xlsx import column_letter


def read_back(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_every_kind_of_cell_comes_back_as_it_was_given():
    moment = datetime(2026, 11, 28, 9, 30, 15)
    rows = [
        ['=HYPERLINK("x")', 7, 2.5, Decimal("12.5"), True, moment, date(2027, 1, 31), None],
        ["<b>&amp;</b> 'quoted' \"double\"", -1, 0.0, Decimal("0"), False, None, None, "last"],
    ]
    headers = ["Text", "Int", "Float", "Decimal", "Bool", "Moment", "Day", "More"]
    sheet = read_back(xlsx_bytes(headers, rows, "Completion")).active
    header, first, second = sheet.iter_rows(values_only=True)
    assert header == tuple(headers)
    assert first == ('=HYPERLINK("x")', 7, 2.5, 12.5, 1, moment, datetime(2027, 1, 31), None)
    assert second == ("<b>&amp;</b> 'quoted' \"double\"", -1, 0, 0, 0, None, None, "last")
    assert sheet["A2"].data_type == "s", "text that looks like a formula stays text"
    assert sheet["F2"].number_format == "yyyy-mm-dd h:mm:ss"
    assert sheet["G2"].number_format == "yyyy-mm-dd"
    assert sheet["A1"].font.b and not sheet["A2"].font.b


def test_characters_xml_cannot_hold_are_replaced_not_fatal():
    rows = [["nul\x00 and bell\x07", "noncharacters \ufffe\uffff", "bidi \u202e ok"]]
    sheet = read_back(xlsx_bytes(["a", "b", "c"], rows, "Sheet")).active
    assert [cell.value for cell in sheet[2]] == [
        "nul\ufffd and bell\ufffd",
        "noncharacters \ufffd\ufffd",
        "bidi \ufffd ok",
    ]


def test_the_sheet_is_named_frozen_and_filtered_however_its_title_reads():
    title = "Kurssin 'arviointi': [tulokset] / 2026?"
    data = xlsx_bytes(["Nimi", "Pisteet"], [["Aino", 90], ["Bo", 75]], title)
    book = read_back(data)
    sheet = book.active
    assert sheet.title == "Kurssin 'arviointi' tulokset  2"  # Excel's 31 and no []:*?/\
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B3"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        workbook = package.read("xl/workbook.xml").decode()
    # The filter's range as Excel names it, which openpyxl reads but does not give back.
    names = re.findall(r'<definedName name="([^"]+)"[^>]*>([^<]*)</definedName>', workbook)
    assert names == [("_xlnm._FilterDatabase", "'Kurssin ''arviointi'' tulokset  2'!$A$1:$B$3")]


def test_an_empty_table_is_still_a_sheet_with_its_header():
    sheet = read_back(xlsx_bytes(["Name", "E-mail"], [], "Completion")).active
    assert list(sheet.iter_rows(values_only=True)) == [("Name", "E-mail")]


def test_column_letters_go_on_past_z():
    assert [column_letter(n) for n in (0, 25, 26, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
