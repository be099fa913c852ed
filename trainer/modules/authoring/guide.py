"""The authoring guide, docs/authoring.md, as a page of the platform, so that the check
page can link each message to the section that explains it.

The guide is written in English only; the pages that link to it say so. `guide.md`
beside this file is a link to docs/authoring.md, so the wheel carries the guide as
package data (the build copies the file it points to) and an installed platform serves
it as a checkout does. Were it missing, the links are left out (`guide_html()` is None).
"""

from functools import cache
from pathlib import Path

import markdown
from markupsafe import Markup

GUIDE_FILE = Path(__file__).parent / "guide.md"
GUIDE_LANGUAGE = "en"
# Headings get ids as GitHub gives them (the guide's own links use them); a repeated
# title gets _1, as the section anchors in courses/messages.py expect.
_EXTENSIONS = ("toc", "fenced_code", "def_list", "tables")


@cache
def guide_html(path: Path = GUIDE_FILE) -> Markup | None:
    """The guide rendered once; None where the platform was installed without it."""
    if not path.is_file():
        return None
    html = markdown.markdown(path.read_text(encoding="utf-8"), extensions=_EXTENSIONS)
    return Markup(html)  # noqa: S704 - the repository's own guide, not user input
