"""Every UI string in the code and templates is translated into Finnish and Swedish."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "trainer" / "translations"
METHOD_MAP = [("trainer/**.py", "python"), ("trainer/**/templates/**.html", "jinja2")]


def ui_strings() -> set[str]:
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT, METHOD_MAP, keywords=keywords
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_ui_string_is_translated(language):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po)
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string}
    untranslated = sorted(ui_strings() - translated)
    assert untranslated == [], (
        f"run `make translations` and translate in {language}: {untranslated}"
    )


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_compiled_catalogue_matches_its_po_file(language):
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as po:
        expected = {m.id: m.string for m in read_po(po) if m.id and m.string}
    with open(folder / "messages.mo", "rb") as mo:
        compiled = {m.id: m.string for m in read_mo(mo) if m.id and m.string}
    assert compiled == expected, f"run `make` to recompile {language}/messages.mo"
