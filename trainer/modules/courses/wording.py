"""A checker message as data, worded in a language only when it is shown.

The loader runs at start-up, with no request and so no reader's language; a trainer
reads its messages later, in the browser in their interface language or in a terminal.
So a problem keeps its template (English text, the catalogue's msgid) and the values
that fill it in, and `str()` words it in the current language: the request's in the
app, the one of `flask_babel.force_locale`, English where there is none.
"""

from dataclasses import dataclass

from flask_babel import get_translations


def N_(text: str) -> str:
    """Marks a message text for the catalogue; it is translated when shown."""
    return text


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message whose wording follows a number, for the catalogue (where Babel
    extracts it as one entry with plural forms); the number is known when it is shown."""
    return singular, plural


@dataclass(frozen=True, slots=True)
class Template:
    """A message in messages.py: `text` with {names} for the values; `plural` and
    `count` (the value that chooses between them) when its words follow a number;
    `section` the anchor of the authoring guide's section explaining it (None for a
    part of another message)."""

    text: str
    section: str | None = None
    plural: str | None = None
    count: str = "count"

    @classmethod
    def counted(cls, forms: tuple[str, str], section: str | None, count: str) -> "Template":
        return cls(forms[0], section, forms[1], count)

    @property
    def forms(self) -> tuple[str, ...]:
        """The English wordings, as the guide shows them."""
        return (self.text,) if self.plural is None else (self.text, self.plural)


@dataclass(frozen=True, slots=True)
class Message:
    """A template and its values; `str()` gives it in the current language."""

    template: Template
    values: tuple[tuple[str, "Value"], ...] = ()

    def __str__(self) -> str:
        values = dict(self.values)
        catalogue = get_translations()
        template = self.template
        if template.plural is None:
            text = catalogue.gettext(template.text)
        else:
            text = catalogue.ngettext(
                template.text, template.plural, _count(values[template.count])
            )
        return text.format(**{name: str(v) for name, v in values.items()})

    def replacing(self, old: str, new: str) -> "Message":
        """The message with `old` replaced by `new` in every text value (a path, say)."""
        return Message(
            self.template, tuple((name, _replaced(v, old, new)) for name, v in self.values)
        )


Value = str | int | float | Message


def message(template: Template, /, **values: object) -> Message:
    """`template` with `values`; anything but a number or a message is kept as text,
    so that a problem compares, hashes and crosses a process boundary as plain data."""
    return Message(template, tuple((name, _plain(value)) for name, value in values.items()))


def _plain(value: object) -> Value:
    if isinstance(value, Message | int | float) and not isinstance(value, bool):
        return value
    return str(value)


def _count(value: Value) -> int:
    """The number that chooses the plural form (a count is an int, or its text)."""
    return value if isinstance(value, int) else int(str(value))


def _replaced(value: Value, old: str, new: str) -> Value:
    if isinstance(value, Message):
        return value.replacing(old, new)
    return value.replace(old, new) if isinstance(value, str) else value
