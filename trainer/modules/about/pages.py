"""The privacy notice and the accessibility statement: Markdown an admin can adapt.

Each page is one file per language, `<name>.<language>.md`. The defaults ship in this
package (`pages/`); a file of the same name in TRAINER_PAGES_DIR (by default the
`pages` folder of the instance folder) takes their place, language by language. A file
may start with front matter:

    ---
    title: Privacy notice
    updated: 2026-11-28
    ---

and may use these placeholders, filled in from the settings: {organisation},
{contact}, {contact_details}, {service}, {certificate_months} and
{failed_sign_in_days}. It is rendered like course text (`MarkdownRenderer`: raw HTML
dropped, links only to http(s) and mailto, the result sanitised) when the file first
is asked for or has changed since, never on every view.
"""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from trainer.core.organisation import organisation
from trainer.modules.courses import MarkdownRenderer
from trainer.modules.courses.links import LinkContext

DEFAULTS = Path(__file__).resolve().parent / "pages"
TITLES = {"privacy": _l("Privacy notice"), "accessibility": _l("Accessibility statement")}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Characters that mean something in Markdown, escaped in a setting put into a page.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+.!|-])")


@dataclass(frozen=True)
class ServicePage:
    title: str
    html: Markup
    updated: date | None


def source_of(name: str, language: str) -> Path:
    """The admin's file for the page in the language, else the shipped default."""
    filename = f"{name}.{language}.md"
    adapted = Path(current_app.config["PAGES_DIR"]) / filename
    return adapted if adapted.is_file() else DEFAULTS / filename


def page(name: str, language: str) -> ServicePage:
    """The page, rendered once per version of its file."""
    path = source_of(name, language)
    stat = path.stat()
    version = (str(path), stat.st_mtime_ns, stat.st_size)
    cache = current_app.extensions.setdefault("service_pages", {})
    cached = cache.get((name, language))
    if cached is None or cached[0] != version:
        cached = (version, _render(name, language, path))
        cache[(name, language)] = cached
    return cached[1]


def _escaped(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")


def _link_target(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29")


def _service_link(url: str) -> str:
    shown = url.split("://", 1)[-1].rstrip("/")
    return f"[{_escaped(shown)}]({_link_target(url)})"


def _contact_details() -> str:
    org = organisation()
    lines = [f"**{_escaped(org.name)}**"] if org.name else []
    if org.address:
        lines.append(_escaped(org.address))
    if org.email:
        lines.append(f"[{_escaped(org.email)}](mailto:{_link_target(org.email)})")
    if org.url:
        lines.append(f"[{_escaped(org.url)}]({_link_target(org.url)})")
    if not lines:
        return _escaped(_("The organisation has not given its contact details yet."))
    return "  \n".join(lines)  # a line break after each, in one paragraph


def placeholders() -> dict[str, str]:
    """Each placeholder's Markdown, in the current language."""
    config, org = current_app.config, organisation()
    contact = (
        f"[{_escaped(org.email)}](mailto:{_link_target(org.email)})"
        if org.email
        else _escaped(_("the administrators of this service"))
    )
    return {
        "organisation": _escaped(org.name or _("the organisation that runs this service")),
        "contact": contact,
        "contact_details": _contact_details(),
        "service": _service_link(config["BASE_URL"]),
        "certificate_months": str(config["CERTIFICATE_VALIDITY_MONTHS"]),
        "failed_sign_in_days": str(config["FAILED_SIGN_IN_RETENTION_DAYS"]),
    }


def _front_matter(text: str, path: Path) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    try:
        values = yaml.safe_load(match["yaml"]) or {}
    except yaml.YAMLError as error:
        current_app.logger.warning("%s: front matter is not YAML: %s", path, error)
        values = {}
    if not isinstance(values, dict):
        values = {}
    return values, text[match.end() :]


def _updated(value: object, path: Path) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        current_app.logger.warning("%s: updated: %r is not a date (YYYY-MM-DD)", path, value)
        return None


def _render(name: str, language: str, path: Path) -> ServicePage:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    meta, body = _front_matter(text, path)
    with force_locale(language):
        values = placeholders()
        default_title = str(TITLES[name])
    body = _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), body)
    context = LinkContext(module=None, modules={}, images=frozenset(), images_dir=path.parent)
    rendered = MarkdownRenderer(language).render(body, context)
    for issue in rendered.issues:
        current_app.logger.warning("%s: %s", path, issue.message)
    title = meta.get("title")
    return ServicePage(
        title=str(title) if title else default_title,
        html=Markup(rendered.html),  # noqa: S704 - rendered and sanitised by MarkdownRenderer
        updated=_updated(meta.get("updated"), path),
    )
