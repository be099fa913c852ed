"""Checking a file in the browser: every kind of upload gets a clear answer, and
nothing is written anywhere."""

import html
import io
import re

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.helpers.authoring import (
    CHECK_URL,
    MODULE_FILE,
    published_folder,
    published_text,
    send_for_check,
    zipped,
)
from trainer.modules.authoring import uploads

pytestmark = pytest.mark.usefixtures("nothing_written")


def page_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_a_good_file_is_previewed_without_problems(trainer):
    response = send_for_check(trainer, file=published_text("fi"))
    page = page_of(response)
    assert response.status_code == 200
    assert "No problems found" in page
    assert "Errors: 0. Warnings: 0." in page
    assert "Merkkien tunnistaminen" in page  # the module's Finnish title, rendered
    assert page.count('class="answer-key"') == 4
    assert '<section class="module-preview" lang="fi"' in page


def test_a_changed_wording_is_previewed_as_changed(trainer):
    text = published_text("sv").replace("# Indikatorer", "# Tecken på människohandel", 1)
    assert text != published_text("sv")
    page = page_of(send_for_check(trainer, language="sv", file=text))
    assert "No problems found" in page
    assert "Tecken på människohandel" in page


def test_errors_are_listed_with_their_lines_and_shown_in_the_file(trainer):
    text = published_text("en").replace("quiz:\n  pass_mark: 80", "quiz:\n  pass_mark: 180")
    text = text.replace("{#q-consent .true-false}", "{#q-consent .true-or-false}")
    response = send_for_check(trainer, language="en", file=text)
    page = page_of(response)
    assert response.status_code == 200
    assert "The file has errors" in page
    path = f"content/en/{MODULE_FILE}"
    assert f"{path}:11: 'quiz.pass_mark' must be a whole number from 1 to 100" in page
    line = 1 + text.splitlines().index(
        "## A victim's consent makes exploitation legal. {#q-consent .true-or-false}"
    )
    assert f"{path}:{line}: unknown question class '.true-or-false'" in page
    # each message links to its line in the listing of the file
    assert f'href="#file-0-line-{line}"' in page
    assert f'<li id="file-0-line-{line}" class="has-problem">' in page
    assert 'class="answer-key"' not in page  # no preview of a broken file


def test_a_file_that_breaks_parity_names_the_published_file(trainer):
    text = published_text("fi").replace(
        "- [x] Teko, keino ja tarkoitus", "- [ ] Teko, keino ja tarkoitus"
    )
    text = text.replace("- [ ] Raja, raha ja väkivalta", "- [x] Raja, raha ja väkivalta")
    page = page_of(send_for_check(trainer, file=text))
    assert "The file has errors" in page
    assert (
        "question 'q-elements' has option 2 marked right here but option 1 "
        f"in content/en/{MODULE_FILE}"
    ) in page


BROKEN_IN_THREE_WAYS = {
    "pass_mark": ("quiz:\n  pass_mark: 80", "quiz:\n  pass_mark: 180"),
    "question class": ("{#q-consent .true-false}", "{#q-consent .true-or-false}"),
    "right option": ("- [x] Teko, keino ja tarkoitus", "- [ ] Teko, keino ja tarkoitus"),
}


def broken_finnish_file() -> str:
    text = published_text("fi")
    for old, new in BROKEN_IN_THREE_WAYS.values():
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fi",
            [
                ":11: 'quiz.pass_mark' on oltava kokonaisluku väliltä 1\u2013100",
                ": tuntematon kysymysluokka '.true-or-false': käytä luokkaa .single",
                ": kysymys 'q-elements': oikeaksi merkitty [x] tässä: ei mitään; "
                f"tiedostossa content/en/{MODULE_FILE}: vaihtoehto 1",
                "Selitys oppaassa (englanniksi)",
            ],
        ),
        (
            "sv",
            [
                ":11: 'quiz.pass_mark' ska vara ett heltal från 1 till 100",
                ": okänd frågeklass '.true-or-false': använd .single",
                ": frågan 'q-elements': markerat som rätt [x] här: inget alternativ; "
                f"i content/en/{MODULE_FILE}: alternativ 1",
                "Förklaring i guiden (på engelska)",
            ],
        ),
    ],
)
def test_messages_are_in_the_trainers_language(trainer, language, expected):
    trainer.post("/account/language", data={"locale": language})
    page = page_of(send_for_check(trainer, file=broken_finnish_file()))
    for text in expected:
        assert text in page
    assert "must be a whole number" not in page  # nothing left in English


def test_each_message_links_to_the_guide_section_that_explains_it(trainer):
    page = page_of(send_for_check(trainer, file=broken_finnish_file()))
    links = re.findall(r'class="guide-link" href="/authoring/guide#([^"]+)"', page)
    # pass_mark; q-elements: no right answer, and so unlike English; q-consent: its
    # class, and so its type unlike English
    sections = ["front-matter_1", "questions", "translations", "questions", "translations"]
    assert links == sections
    guide = page_of(trainer.get("/authoring/guide"))
    for anchor in links:
        assert f'id="{anchor}"' in guide
    assert 'href="/authoring/guide#how-a-change-gets-into-the-course"' in page
    assert 'id="how-a-change-gets-into-the-course"' in guide


def test_the_guide_says_it_is_in_english_in_the_other_languages(trainer):
    trainer.post("/account/language", data={"locale": "sv"})
    page = page_of(trainer.get("/authoring/guide"))
    assert "Skrivguiden finns bara på engelska." in page
    assert '<article class="authoring-guide" lang="en">' in page


def test_a_changed_reference_file_shows_what_it_breaks_in_the_other_languages(trainer):
    question = "\n## Who can be a victim? {#q-anyone}\n- [x] Anyone\n- [ ] Only foreigners\n"
    page = page_of(send_for_check(trainer, language="en", file=published_text("en") + question))
    assert "In the published files, because of your file" in page
    for language in ("fi", "sv"):
        missing = rf"content/{language}/{MODULE_FILE}:\d+: question 'q-anyone' of content/en/"
        assert re.search(missing + rf"{MODULE_FILE} is missing here", page)


def test_pasted_text_is_checked_as_the_chosen_file(trainer):
    text = published_text("sv").replace("\n", "\r\n")
    page = page_of(send_for_check(trainer, language="sv", text=text, target=MODULE_FILE))
    assert "No problems found" in page


def test_pasted_text_needs_to_say_which_file_it_is(trainer):
    response = send_for_check(trainer, text=published_text("fi"))
    assert response.status_code == 400
    assert "Choose which file the pasted text is." in page_of(response)
    assert 'href="#target"' in page_of(response)  # the error summary links to the field


def test_a_file_and_pasted_text_together_are_refused(trainer):
    response = send_for_check(trainer, file=published_text("fi"), text="more")
    assert response.status_code == 400
    assert "Upload a file or paste text, not both." in page_of(response)


def test_an_empty_form_asks_for_a_file(trainer):
    response = send_for_check(trainer)
    assert response.status_code == 400
    assert "Choose a file to upload, or paste the text of a module file." in page_of(response)


def test_a_file_that_is_not_utf8_is_refused_with_how_to_fix_it(trainer):
    latin1 = published_text("fi").encode("latin-1", errors="replace")
    response = send_for_check(trainer, file=latin1)
    assert response.status_code == 400
    page = page_of(response)
    assert f"{MODULE_FILE} is not UTF-8 text. Save it as UTF-8" in page
    assert "Result of the check" not in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "chain.png", "chain.png is not a Markdown file."),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00",
            "guide.pdf",
            "guide.pdf is not a Markdown file.",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", MODULE_FILE, f"{MODULE_FILE} is not a text file."),
    ],
)
def test_something_that_is_not_markdown_is_refused(trainer, content, name, message):
    response = send_for_check(trainer, file=content, name=name)
    assert response.status_code == 400
    assert message in page_of(response)


def test_text_that_is_not_a_module_gets_the_checkers_message(trainer):
    page = page_of(send_for_check(trainer, file="Just some notes.\nNothing else.\n"))
    assert "The file has errors" in page
    assert f"content/fi/{MODULE_FILE}:1: file must start with front matter" in page


def test_a_file_named_unlike_a_course_file_must_say_which_it_is(trainer):
    response = send_for_check(trainer, file=published_text("fi"), name="recognising (2).md")
    assert response.status_code == 400
    assert "is not named like a course file" in page_of(response)
    chosen = send_for_check(trainer, file=published_text("fi"), name="x.md", target=MODULE_FILE)
    assert "No problems found" in page_of(chosen)


def test_an_oversized_upload_gets_413_and_the_error_page(trainer, app):
    too_big = b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    # Encoded in memory: the test client would spool it to a file it never closes.
    fields = {"csrf_token": trainer.csrf_token(), "language": "fi", "text": "", "target": ""}
    fields["upload"] = FileStorage(io.BytesIO(too_big), MODULE_FILE)
    boundary, body = encode_multipart(fields)
    response = trainer.post(
        CHECK_URL, data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 413
    page = page_of(response)
    assert "Too large" in page
    assert "The file or form you sent is larger than this service accepts." in page


def test_a_zipped_language_folder_is_checked_in_place_of_that_folder(trainer):
    files = published_folder("sv")
    files["02-helping.md"] = files["02-helping.md"].replace(
        "{#q-interpreter .single}", "{#q-tolk .single}"
    )
    page = page_of(send_for_check(trainer, language="sv", file=zipped(files, "sv"), name="sv.zip"))
    assert "The file has errors" in page
    assert "content/sv/02-helping.md" in page
    assert "question 'q-interpreter' of content/en/02-helping.md is missing here" in page


def test_a_good_zip_is_previewed_module_by_module(trainer):
    page = page_of(send_for_check(trainer, file=zipped(published_folder("fi"), ""), name="fi.zip"))
    assert "No problems found" in page
    assert page.count('<section class="module-preview" lang="fi"') == 3  # course.md and 2 modules


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (
            {"../01-recognising.md": "x"},
            "The zip holds a file outside its folder: ../01-recognising.md",
        ),
        ({"/etc/course.md": "x"}, "The zip holds a file outside its folder: /etc/course.md"),
        ({"fi/images/a.png": "x", "fi/course.md": "x"}, "The zip must hold only the .md files"),
        ({"notes.txt": "x"}, "The zip must hold only the .md files"),
        ({".DS_Store": "x"}, "The zip holds no .md files."),
    ],
)
def test_a_zip_with_other_files_or_paths_outside_is_refused(trainer, members, message):
    response = send_for_check(trainer, file=zipped(members, ""), name="fi.zip")
    assert response.status_code == 400
    assert message in page_of(response)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(trainer):
    bomb = zipped({"01-recognising.md": b"a" * (uploads.MAX_UNPACKED_BYTES + 1)})
    assert len(bomb) < 100_000
    response = send_for_check(trainer, file=bomb, name="fi.zip")
    assert response.status_code == 400
    assert "The zip's files are too large together once unpacked." in page_of(response)


def test_a_zip_with_too_many_files_is_refused(trainer):
    many = {f"{n:02d}-m{n}.md": "x" for n in range(uploads.MAX_MEMBERS + 1)}
    response = send_for_check(trainer, file=zipped(many), name="fi.zip")
    assert "The zip holds more than 100 files." in page_of(response)


def test_a_damaged_zip_is_refused(trainer):
    damaged = zipped(published_folder("fi"))[:-30]
    response = send_for_check(trainer, file=damaged, name="fi.zip")
    assert response.status_code == 400
    assert "The zip file cannot be opened" in page_of(response)


def test_the_uploaded_text_and_name_are_shown_escaped(trainer):
    response = send_for_check(trainer, file="<script>alert(1)</script>\n")
    raw = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    named = send_for_check(trainer, file="x", name="<img src=x onerror=alert(1)>.md")
    assert "<img src=x" not in named.get_data(as_text=True)


def test_the_form_labels_every_field(trainer):
    page = trainer.get(CHECK_URL).get_data(as_text=True)
    for field in ("language", "upload", "target", "text"):
        assert f'<label for="{field}">' in page
    assert 'enctype="multipart/form-data"' in page


def test_warnings_alone_still_give_the_preview(trainer):
    text = published_text("en").replace("Next: [the indicators]", "Next: <br> [the indicators]")
    page = page_of(send_for_check(trainer, language="en", file=text))
    assert "No errors. Look at each warning" in page
    assert "warning: raw HTML <br> is removed" in page
    assert 'class="answer-key"' in page


def test_course_md_is_previewed_with_its_description(trainer):
    text = published_text("sv", "course.md").replace("\n---\n", "\n---\nEn ny första rad.\n", 1)
    page = page_of(send_for_check(trainer, language="sv", file=text, name="course.md"))
    assert "No problems found" in page
    assert "En ny första rad." in page


HOSTILE = {
    # Each once held a worker past gunicorn's 30 s timeout or ended in a 500.
    "heading with 2000 spaces": ("## a" + " " * 2000 + "b", None),
    "8000 brackets": ("[" * 8000, "'[' in one paragraph"),
    "list nested 300 deep": (
        "\n".join("  " * i + "- x" for i in range(300)),
        "nest lists less deeply",
    ),
    "quotes nested 300 deep": (">" * 300 + " x", "nest them less deeply"),
    "a line of 30,000 characters": ("a" * 30_000, "break it into shorter lines"),
}


@pytest.mark.parametrize("text, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_gets_a_message_not_a_stuck_worker(trainer, text, message):
    module = published_text("en").replace("# Quiz", text + "\n\n# Quiz", 1)
    response = send_for_check(trainer, language="en", text=module, target=MODULE_FILE)
    assert response.status_code in (200, 400)
    if message:
        assert message in page_of(response)


def test_a_check_that_exceeds_its_limits_is_stopped_with_a_message(trainer, app):
    app.config["CHECK_SECONDS"] = 0  # no check is that fast
    response = send_for_check(trainer, language="en", text=published_text("en"), target=MODULE_FILE)
    assert response.status_code == 400
    assert "took too long or needed too much memory" in page_of(response)
