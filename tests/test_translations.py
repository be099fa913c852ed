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
    # N_ marks the content checker's messages; pybabel extracts it by default, as
    # `make translations` does.
    keywords = {
        "_": None,
        "gettext": None,
        "_l": None,
        "lazy_gettext": None,
        "ngettext": (1, 2),
        "N_": None,
    }
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


def translations(catalog) -> dict:
    """msgid -> msgstr for every translated message; plural forms as tuples.

    A compiled catalogue stands in the msgid for an untranslated plural, so a message
    whose text is its own msgid counts as untranslated on both sides.
    """

    def frozen(value):
        return value if isinstance(value, str) else tuple(value)

    return {
        frozen(m.id): frozen(m.string)
        for m in catalog
        if m.id and any(frozen(m.string)) and frozen(m.string) != frozen(m.id)
    }


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_compiled_catalogue_matches_its_po_file(language):
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as po:
        expected = translations(read_po(po))
    with open(folder / "messages.mo", "rb") as mo:
        compiled = translations(read_mo(mo))
    assert compiled == expected, f"run `make` to recompile {language}/messages.mo"
