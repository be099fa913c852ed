"""Checker messages in the trainer's language: every message is worded in fi and sv,
`trainer content check --language` prints them so, and English stays the default."""

import re
import string

import pytest
from click.testing import CliRunner

from tests.helpers.content import MODULE, Content
from trainer.cli import content as content_command
from trainer.modules.courses import messages as msg
from trainer.modules.courses.report import worded_in
from trainer.modules.courses.wording import Template, message

TEMPLATES = {name: v for name, v in vars(msg).items() if isinstance(v, Template)}
BROKEN = MODULE.replace("- [x] Yes", "- [ ] Yes").replace("day: 1", "day: 0")


def filled(template: Template, count: int) -> str:
    """The template worded with every value given as `count`."""
    names = {name for form in template.forms for _, name, _, _ in string.Formatter().parse(form)}
    names = {name for name in names if name} | ({template.count} if template.plural else set())
    return str(message(template, **dict.fromkeys(names, count)))


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_every_message_is_worded_in_the_language(name: str, language: str) -> None:
    template = TEMPLATES[name]
    english = [filled(template, count) for count in (1, 2)]
    with worded_in(language):
        worded = [filled(template, count) for count in (1, 2)]
    assert worded != english
    # the same values, none lost nor invented: each placeholder filled in once at least
    for text in worded:
        assert "{" not in text.replace("{#", "").replace("{...}", "")


def test_plural_forms_follow_the_count() -> None:
    with worded_in("fi"):
        one, two = (str(message(msg.EXERCISES_DONE, count=n)) for n in (1, 2))
    assert (one, two) == ("1 harjoitus", "2 harjoitusta")


def check(*args: str):
    return CliRunner().invoke(content_command, ["check", *args])


def test_the_cli_prints_english_by_default_and_finnish_on_request(content: Content) -> None:
    content.module(BROKEN)
    assert check("content").output.splitlines()[0] == (
        "content/en/01-basics.md:4: 'day' must be a whole number from 1 to 2"
    )
    result = check("content", "--language", "fi")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/en/01-basics.md:4: 'day' on oltava kokonaisluku väliltä 1\u20132",
        "content/en/01-basics.md:20: kysymyksellä 'q-one' ei ole oikeaa vastausta: merkitse se [x]",
        "content/fi: varoitus: tällä kielellä ei ole sisältöä: kurssia tarjotaan ilman sitä",
        "content/sv: varoitus: tällä kielellä ei ole sisältöä: kurssia tarjotaan ilman sitä",
        "content: virheitä 2, varoituksia 2",
    ]


def test_the_cli_prints_swedish(content: Content) -> None:
    content.module(BROKEN)
    output = check("content", "--language", "sv").output
    assert (
        "content/en/01-basics.md:20: frågan 'q-one' har inget rätt svar: markera det med [x]"
        in (output)
    )
    assert output.endswith("content: fel 2, varningar 2\n")


def test_the_cli_refuses_an_unknown_language(content: Content) -> None:
    content.module()
    result = check("content", "--language", "de")
    assert result.exit_code == 2
    assert "'de' is not one of 'fi', 'sv', 'en'" in result.output


def test_a_parity_message_reads_as_a_sentence(content: Content) -> None:
    """The right options of a translated question differ: "option 2" against "option 1"."""
    content.module()
    swapped = MODULE.replace("- [x] Yes\n- [ ] No", "- [ ] Yes\n- [x] No")
    content.module(swapped, language="fi")
    english = check("content").output
    assert (
        "content/fi/01-basics.md:20: question 'q-one' has option 2 marked right here "
        "but option 1 in content/en/01-basics.md"
    ) in english
    finnish = check("content", "--language", "fi").output
    assert re.search(
        r"kysymys 'q-one': oikeaksi merkitty \[x\] tässä: vaihtoehto 2; "
        r"tiedostossa content/en/01-basics.md: vaihtoehto 1",
        finnish,
    )
