"""Each checker rule fires on a minimal bad file, with the right file and line.

Every message in messages.py has at least one case here (a test checks that).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.content import COURSE, MODULE, Content
from trainer.modules.courses import messages as msg

M = "content/en/01-basics.md"
FI = "content/fi/01-basics.md"


def changed(*replacements: str, text: str = MODULE) -> str:
    """MODULE with each (old, new) pair replaced once; old must be there."""
    for old, new in zip(replacements[::2], replacements[1::2], strict=True):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def other_module(module_id: str, order: int, day: int = 1) -> str:
    return changed(
        "id: basics", f"id: {module_id}", "order: 1", f"order: {order}", "day: 1", f"day: {day}"
    )


def all_languages(content: Content, fi_module: str = MODULE, fi_course: str = COURSE) -> None:
    for language in ("en", "sv"):
        content.module(language=language)
    content.module(fi_module, language="fi")
    content.write("fi/course.md", fi_course)


BRANCHING = """\
# First lesson {#first .branching}

Intro.

## Start {#start}
Choose.

- [Go on](#end)
  : Good.
- [Stop](#end)

## The end {#end}
Done.
"""


def branching(*replacements: str) -> str:
    """MODULE whose lesson is the branching case above (its steps at lines 18 and 25),
    with each (old, new) pair replaced once."""
    case = changed(*replacements, text=BRANCHING) if replacements else BRANCHING
    return changed("# First lesson {#first}\n\nSome text.\n", case)


def pool(*questions: str) -> str:
    """MODULE with more questions after its own (the quiz heading stays at line 18)."""
    return MODULE + "".join(f"\n## Question {n}? {{#q-{n}}}\n{q}" for n, q in enumerate(questions))


ENTRY = "\n  - version: 0123456789abcdef\n    retraining: true\n    note: Changed.\n"


REFRESHER = COURSE.replace("---\n", "---\nrefresher:\n  modules: [{}]\n", 1)


def recorded(value: str) -> str:
    """MODULE whose front matter ends with `changes:` and `value` (line 12 on)."""
    return changed("  draw: 1\n", f"  draw: 1\nchanges: {value.rstrip()}\n")


LONG_RIGHT = "- [x] The right one, said at length\n- [ ] Wrong\n- [ ] Also wrong\n"


EVALUATION = """\
evaluation:
  statements:
    relevant: It was relevant.
    clear: It was clear.
  question: What would you change?
"""


def with_evaluation(block: str = EVALUATION) -> str:
    """COURSE with `block` at the end of its front matter (from line 5)."""
    return COURSE.replace("---\nAbout", block + "---\nAbout")


def evaluation_languages(content: Content, fi_block: str) -> None:
    """Every language with EVALUATION, but Finnish with `fi_block`."""
    all_languages(content, fi_course=with_evaluation(fi_block))
    for language in ("en", "sv"):
        content.write(f"{language}/course.md", with_evaluation())


def own_evaluation(block: str) -> Callable[[Content], object]:
    """English alone, its course file with `block`."""
    return lambda c: (c.module(), c.write("en/course.md", with_evaluation(block)))


@dataclass(frozen=True)
class Case:
    message: str  # the name of the constant in messages.py
    build: Callable[[Content], object]
    path: str
    line: int
    severity: str = "error"


CASES = {
    # files and folders
    "no-content": Case("NO_CONTENT", lambda c: None, "content", 0),
    "no-language": Case("NO_LANGUAGE", lambda c: c.module(), "content/fi", 0, "warning"),
    "no-course-file": Case(
        "NO_COURSE_FILE", lambda c: c.write("en/01-basics.md", MODULE), "content/en/course.md", 0
    ),
    "not-a-module-file": Case(
        "NOT_A_MODULE_FILE",
        lambda c: (c.module(), c.write("en/notes.md", "Notes")),
        "content/en/notes.md",
        0,
        "warning",
    ),
    "not-utf8": Case("NOT_UTF8", lambda c: c.module(MODULE.encode("utf-16")), M, 0),
    "no-modules": Case("NO_MODULES", lambda c: c.write("en/course.md", COURSE), "content/en", 0),
    # front matter
    "no-front-matter": Case(
        "NO_FRONT_MATTER", lambda c: c.module("# First {#first}\n\nText.\n"), M, 1
    ),
    "unclosed-front-matter": Case(
        "UNCLOSED_FRONT_MATTER",
        lambda c: c.module(changed("  draw: 1\n---\n", "  draw: 1\n")),
        M,
        1,
    ),
    "bad-yaml": Case("BAD_YAML", lambda c: c.module(changed("Basics", "Basics: more")), M, 3),
    "not-fields": Case(
        "NOT_FIELDS",
        lambda c: c.module(changed("quiz:\n  pass_mark: 80\n  draw: 1", "quiz: 80")),
        M,
        9,
    ),
    "front-matter-not-fields": Case(
        "NOT_FIELDS", lambda c: c.module("---\n- id\n---\n# A {#a}\n\nText.\n"), M, 1
    ),
    "missing-field": Case("MISSING_FIELD", lambda c: c.module(changed("minutes: 2\n", "")), M, 1),
    "missing-nested-field": Case(
        "MISSING_FIELD", lambda c: c.module(changed("  pass_mark: 80\n", "")), M, 9
    ),
    "duplicate-field": Case(
        "DUPLICATE_FIELD",
        lambda c: c.module(changed("title: Basics\n", "title: Basics\ntitle: B\n")),
        M,
        4,
    ),
    "unknown-field": Case(
        "UNKNOWN_FIELD",
        lambda c: c.module(changed("title: Basics\n", "title: Basics\ncolour: red\n")),
        M,
        4,
        "warning",
    ),
    "not-text": Case("NOT_TEXT", lambda c: c.module(changed("title: Basics", "title: yes")), M, 3),
    "not-text-list": Case(
        "NOT_TEXT_LIST",
        lambda c: c.module(changed("objectives:\n  - Know", "objectives: Know")),
        M,
        7,
    ),
    "not-whole-number": Case(
        "NOT_WHOLE_NUMBER", lambda c: c.module(changed("day: 1", "day: 3")), M, 4
    ),
    "pass-mark-out-of-range": Case(
        "NOT_WHOLE_NUMBER", lambda c: c.module(changed("pass_mark: 80", "pass_mark: 101")), M, 10
    ),
    "not-choice": Case(
        "NOT_CHOICE",
        lambda c: c.module(changed("  draw: 1", "  draw: 1\n  show_answers: sometimes")),
        M,
        12,
    ),
    "parity-review-option": Case(
        "PARITY_FIELD",
        lambda c: all_languages(c, changed("  draw: 1", "  draw: 1\n  wait_minutes: 0")),
        FI,
        12,
    ),
    "not-positive-number": Case(
        "NOT_POSITIVE_NUMBER",
        lambda c: (c.module(), c.write("en/course.md", COURSE.replace("hours: 0.1", "hours: -1"))),
        "content/en/course.md",
        3,
    ),
    "bad-module-id": Case("BAD_ID", lambda c: c.module(changed("id: basics", "id: Basics")), M, 2),
    "bad-lesson-id": Case("BAD_ID", lambda c: c.module(changed("{#first}", "{#First_1}")), M, 14),
    # module structure
    "text-before-lesson": Case(
        "TEXT_BEFORE_LESSON", lambda c: c.module(changed("# First", "Intro.\n\n# First")), M, 14
    ),
    "heading-without-id": Case(
        "HEADING_WITHOUT_ID", lambda c: c.module(changed(" {#first}", "")), M, 14
    ),
    "question-without-id": Case(
        "HEADING_WITHOUT_ID", lambda c: c.module(changed(" {#q-one}", "")), M, 20
    ),
    "heading-without-title": Case(
        "HEADING_WITHOUT_TITLE", lambda c: c.module(changed("First lesson ", "")), M, 14
    ),
    "bad-heading-attribute": Case(
        "BAD_HEADING_ATTRIBUTE", lambda c: c.module(changed("{#first}", "{#first x}")), M, 14
    ),
    "lesson-class": Case(
        "LESSON_CLASS", lambda c: c.module(changed("{#first}", "{#first .big}")), M, 14
    ),
    "duplicate-id": Case(
        "DUPLICATE_ID",
        lambda c: c.module(changed("Some text.\n", "Some text.\n\n# Again {#first}\n\nMore.\n")),
        M,
        18,
    ),
    "empty-lesson": Case("EMPTY_LESSON", lambda c: c.module(changed("Some text.\n", "")), M, 14),
    "no-lessons": Case(
        "NO_LESSONS",
        lambda c: c.module(changed("# First lesson {#first}\n\nSome text.\n\n", "")),
        M,
        0,
    ),
    "no-quiz": Case("NO_QUIZ", lambda c: c.module(MODULE[: MODULE.index("# Quiz")]), M, 0),
    "quiz-preamble": Case(
        "QUIZ_PREAMBLE", lambda c: c.module(changed("{#quiz}\n", "{#quiz}\nAnswer all.\n")), M, 19
    ),
    "empty-quiz": Case("EMPTY_QUIZ", lambda c: c.module(MODULE[: MODULE.index("## Is")]), M, 18),
    "file-too-large": Case("FILE_TOO_LARGE", lambda c: c.module(MODULE + "x" * 2_000_001), M, 0),
    "line-too-long": Case(
        "LINE_TOO_LONG", lambda c: c.module(changed("Some text.", "a" * 20_001)), M, 16
    ),
    "too-indented": Case(
        "TOO_INDENTED",
        lambda c: c.module(changed("Some text.", "Text.\n" + " " * 44 + "- a")),
        M,
        17,
    ),
    "too-many-quotes": Case(
        "TOO_MANY_QUOTES", lambda c: c.module(changed("Some text.", ">" * 11 + " a")), M, 16
    ),
    "too-many-brackets": Case(
        "TOO_MANY_BRACKETS", lambda c: c.module(changed("Some text.", "Text\n" + "[" * 201)), M, 16
    ),
    "lesson-value": Case(
        "LESSON_VALUE", lambda c: c.module(changed("{#first}", "{#first colour=red}")), M, 14
    ),
    "question-value": Case(
        "QUESTION_VALUE", lambda c: c.module(changed("{#q-one}", "{#q-one minutes=2}")), M, 20
    ),
    "bad-minutes": Case(
        "BAD_MINUTES", lambda c: c.module(changed("{#first}", "{#first minutes=0}")), M, 14
    ),
    # exercises and branching cases
    "exercise-without-answer": Case(
        "EXERCISE_WITHOUT_ANSWER",
        lambda c: c.module(changed("Some text.", "> [!EXERCISE]\n> Do it.\n\nMore.")),
        M,
        16,
    ),
    "answer-without-exercise": Case(
        "ANSWER_WITHOUT_EXERCISE",
        lambda c: c.module(changed("Some text.", "Text.\n\n> [!ANSWER]\n> This.")),
        M,
        18,
    ),
    "case-no-steps": Case(
        "CASE_NO_STEPS", lambda c: c.module(changed("{#first}", "{#first .branching}")), M, 14
    ),
    "case-no-ending": Case(
        "CASE_NO_ENDING",
        lambda c: c.module(branching("Done.\n", "Done.\n\n- [Again](#start)\n- [Stop](#start)\n")),
        M,
        14,
    ),
    "case-bad-choice": Case(
        "CASE_BAD_CHOICE", lambda c: c.module(branching("- [Stop](#end)", "- Stop")), M, 23
    ),
    "case-bad-target": Case(
        "CASE_BAD_TARGET", lambda c: c.module(branching("(#end)", "(#nowhere)")), M, 21
    ),
    "case-one-choice": Case(
        "CASE_ONE_CHOICE", lambda c: c.module(branching("- [Stop](#end)\n", "")), M, 18
    ),
    "case-text-after-choices": Case(
        "CASE_TEXT_AFTER_CHOICES",
        lambda c: c.module(branching("- [Stop](#end)\n", "- [Stop](#end)\nAnd then?\n")),
        M,
        24,
    ),
    "case-unreachable": Case(
        "CASE_UNREACHABLE",
        lambda c: c.module(branching("Done.\n", "Done.\n\n## Lost {#lost}\nNobody comes.\n")),
        M,
        28,
    ),
    "case-loop": Case(
        "CASE_LOOP",
        lambda c: c.module(
            branching(
                "- [Stop](#end)",
                "- [Wait](#wait)",
                "## The end",
                "## Waiting {#wait}\nLater.\n\n- [Back](#start)\n- [End](#end)\n\n## The end",
            )
        ),
        M,
        25,
    ),
    "duplicate-step-id": Case(
        "DUPLICATE_ID",
        lambda c: c.module(branching("{#end}", "{#first}", "(#end)", "(#first)")),
        M,
        25,
    ),
    # honest time, quiz tells and sources
    "lesson-time": Case(
        "LESSON_TIME",
        lambda c: c.module(changed("{#first}", "{#first minutes=30}")),
        M,
        14,
        "warning",
    ),
    "module-time": Case(
        "MODULE_TIME", lambda c: c.module(changed("minutes: 2", "minutes: 30")), M, 6, "warning"
    ),
    "course-hours": Case(
        "COURSE_HOURS",
        lambda c: (c.module(), c.write("en/course.md", COURSE.replace("hours: 0.1", "hours: 5"))),
        "content/en/course.md",
        3,
        "warning",
    ),
    "tell-longest": Case(
        "TELL_LONGEST",
        lambda c: c.module(pool(LONG_RIGHT, LONG_RIGHT).replace("- [x] Yes", "- [x] Yes, indeed")),
        M,
        18,
        "warning",
    ),
    "tell-true-false": Case(
        "TELL_TRUE_FALSE",
        lambda c: c.module(
            pool("- [ ] True\n- [x] False\n", "- [ ] True\n- [x] False\n")
            .replace("{#q-0}", "{#q-0 .true-false}")
            .replace("{#q-1}", "{#q-1 .true-false}")
        ),
        M,
        18,
        "warning",
    ),
    "tell-same-keys": Case(
        "TELL_SAME_KEYS",
        lambda c: c.module(pool(*["- [x] A\n- [x] B\n- [ ] C\n"] * 3)),
        M,
        18,
        "warning",
    ),
    "source-untraceable": Case(
        "SOURCE_UNTRACEABLE",
        lambda c: c.module(changed("# Quiz", "# Sources {#sources}\n\n- A book (2012).\n\n# Quiz")),
        M,
        20,
        "warning",
    ),
    "file-name-mismatch": Case(
        "FILE_NAME_MISMATCH", lambda c: c.module(name="02-basics.md"), "content/en/02-basics.md", 0
    ),
    # questions
    "unknown-question-class": Case(
        "UNKNOWN_QUESTION_CLASS", lambda c: c.module(changed("{#q-one}", "{#q-one .hard}")), M, 20
    ),
    "two-kinds": Case(
        "TWO_KINDS", lambda c: c.module(changed("{#q-one}", "{#q-one .single .multiple}")), M, 20
    ),
    "no-options": Case(
        "NO_OPTIONS", lambda c: c.module(changed("- [x] Yes\n- [ ] No\n", "Yes or no.\n")), M, 20
    ),
    "numbered-without-ordering": Case(
        "NUMBERED_WITHOUT_ORDERING",
        lambda c: c.module(changed("- [x] Yes\n- [ ] No\n", "1. Yes\n2. No\n")),
        M,
        21,
    ),
    "ordering-with-boxes": Case(
        "ORDERING_WITH_BOXES", lambda c: c.module(changed("{#q-one}", "{#q-one .ordering}")), M, 21
    ),
    "empty-option": Case("EMPTY_OPTION", lambda c: c.module(changed("- [ ] No", "- [ ]")), M, 22),
    "too-few-options": Case(
        "TOO_FEW_OPTIONS", lambda c: c.module(changed("- [ ] No\n", "")), M, 20
    ),
    "too-few-steps": Case(
        "TOO_FEW_OPTIONS",
        lambda c: c.module(
            changed("{#q-one}", "{#q-one .ordering}", "- [x] Yes\n- [ ] No", "1. Yes")
        ),
        M,
        20,
    ),
    "no-correct": Case("NO_CORRECT", lambda c: c.module(changed("- [x] Yes", "- [ ] Yes")), M, 20),
    "single-with-several": Case(
        "SINGLE_WITH_SEVERAL",
        lambda c: c.module(changed("{#q-one}", "{#q-one .single}", "- [ ] No", "- [x] No")),
        M,
        20,
    ),
    "true-false-options": Case(
        "TRUE_FALSE_OPTIONS",
        lambda c: c.module(
            changed("{#q-one}", "{#q-one .true-false}", "- [ ] No", "- [ ] No\n- [ ] Maybe")
        ),
        M,
        20,
    ),
    "scenario-without-case": Case(
        "SCENARIO_WITHOUT_CASE",
        lambda c: c.module(changed("{#q-one}", "{#q-one .scenario}")),
        M,
        20,
    ),
    "text-after-options": Case(
        "TEXT_AFTER_OPTIONS", lambda c: c.module(MODULE + "\n> Because.\nWhy?\n"), M, 25
    ),
    "draw-too-large": Case(
        "DRAW_TOO_LARGE", lambda c: c.module(changed("draw: 1", "draw: 2")), M, 11
    ),
    # the modules of a language together
    "duplicate-module-id": Case(
        "DUPLICATE_MODULE_ID",
        lambda c: (c.module(), c.write("en/02-more.md", other_module("basics", 2))),
        "content/en/02-more.md",
        2,
    ),
    "duplicate-order": Case(
        "DUPLICATE_ORDER",
        lambda c: (c.module(), c.write("en/01-more.md", other_module("more", 1))),
        "content/en/01-more.md",
        5,
    ),
    "day-out-of-order": Case(
        "DAY_OUT_OF_ORDER",
        lambda c: (
            c.module(changed("day: 1", "day: 2")),
            c.write("en/02-more.md", other_module("more", 2, day=1)),
        ),
        "content/en/02-more.md",
        4,
    ),
    # Markdown
    "raw-html": Case(
        "RAW_HTML", lambda c: c.module(changed("Some text.", "Some <b>text</b>.")), M, 16, "warning"
    ),
    "raw-html-block": Case(
        "RAW_HTML",
        lambda c: c.module(changed("Some text.", "Text.\n\n<div>\n<script>x</script>\n</div>")),
        M,
        18,
        "warning",
    ),
    "unknown-callout": Case(
        "UNKNOWN_CALLOUT", lambda c: c.module(changed("Some text.", "> [!TIP]\n> Text.")), M, 16
    ),
    "broken-lesson-link": Case(
        "BROKEN_LESSON_LINK", lambda c: c.module(changed("Some text.", "See [this](#nope).")), M, 16
    ),
    "broken-link-in-feedback": Case(
        "BROKEN_LESSON_LINK",
        lambda c: c.module(changed("- [ ] No", "- [ ] No\n  : See [this](#nope).")),
        M,
        23,
    ),
    "broken-link-to-other-module": Case(
        "BROKEN_LESSON_LINK",
        lambda c: (
            c.module(changed("Some text.", "See [that](02-more.md#nope).")),
            c.write("en/02-more.md", other_module("more", 2)),
        ),
        M,
        16,
    ),
    "no-such-module-file": Case(
        "NO_SUCH_MODULE_FILE", lambda c: c.module(changed("Some text.", "[x](02-nope.md#a)")), M, 16
    ),
    "link-not-allowed": Case(
        "LINK_NOT_ALLOWED",
        lambda c: c.module(changed("Some text.", "[x](javascript:alert(1))")),
        M,
        16,
    ),
    "image-not-in-folder": Case(
        "IMAGE_NOT_IN_FOLDER", lambda c: c.module(changed("Some text.", "![A map](map.png)")), M, 16
    ),
    "image-not-found": Case(
        "IMAGE_NOT_FOUND",
        lambda c: c.module(changed("Some text.", "![A map](../images/map.png)")),
        M,
        16,
    ),
    "image-type": Case(
        "IMAGE_TYPE",
        lambda c: (
            c.module(changed("Some text.", "Text.\n![A map](../images/map.bmp)")),
            c.write("images/map.bmp", b"BM"),
        ),
        M,
        17,
    ),
    "image-without-alt": Case(
        "IMAGE_WITHOUT_ALT",
        lambda c: (
            c.module(changed("Some text.", "![](../images/map.png)")),
            c.write("images/map.png", b"png"),
        ),
        M,
        16,
    ),
    "svg-script": Case(
        "SVG_SCRIPT",
        lambda c: (
            c.module(),
            c.write("images/bad.svg", "<svg>\n<script>alert(1)</script>\n</svg>"),
        ),
        "content/images/bad.svg",
        2,
    ),
    "svg-event-handler": Case(
        "SVG_SCRIPT",
        lambda c: (c.module(), c.write("images/bad.svg", '<svg onload="alert(1)"></svg>')),
        "content/images/bad.svg",
        1,
    ),
    # parity
    "parity-missing-file": Case(
        "PARITY_MISSING_FILE",
        lambda c: (all_languages(c), c.write("en/02-more.md", other_module("more", 2))),
        "content/fi/02-more.md",
        0,
    ),
    "parity-extra-file": Case(
        "PARITY_EXTRA_FILE",
        lambda c: (all_languages(c), c.write("fi/02-more.md", other_module("more", 2))),
        "content/fi/02-more.md",
        0,
    ),
    "parity-field": Case(
        "PARITY_FIELD", lambda c: all_languages(c, changed("minutes: 2", "minutes: 3")), FI, 6
    ),
    "parity-quiz-field": Case(
        "PARITY_FIELD",
        lambda c: all_languages(c, changed("pass_mark: 80", "pass_mark: 70")),
        FI,
        10,
    ),
    "parity-hours": Case(
        "PARITY_FIELD",
        lambda c: all_languages(c, fi_course=COURSE.replace("hours: 0.1", "hours: 2")),
        "content/fi/course.md",
        3,
    ),
    "parity-lessons": Case(
        "PARITY_LESSONS", lambda c: all_languages(c, changed("#first", "#eka")), FI, 14
    ),
    "parity-missing-question": Case(
        "PARITY_MISSING_QUESTION", lambda c: all_languages(c, changed("#q-one", "#q-two")), FI, 18
    ),
    "parity-extra-question": Case(
        "PARITY_EXTRA_QUESTION", lambda c: all_languages(c, changed("#q-one", "#q-two")), FI, 20
    ),
    "parity-question-type": Case(
        "PARITY_QUESTION_TYPE", lambda c: all_languages(c, changed("- [ ] No", "- [x] No")), FI, 20
    ),
    "parity-question-options": Case(
        "PARITY_QUESTION_OPTIONS",
        lambda c: all_languages(c, changed("- [ ] No", "- [ ] No\n- [ ] Maybe")),
        FI,
        20,
    ),
    "parity-question-answer": Case(
        "PARITY_QUESTION_ANSWER",
        lambda c: all_languages(c, changed("- [x] Yes\n- [ ] No", "- [ ] Yes\n- [x] No")),
        FI,
        20,
    ),
    "parity-case": Case(
        "PARITY_CASE",
        lambda c: (
            [c.module(branching(), language=lang) for lang in ("en", "sv")],
            c.module(
                branching("- [Stop](#end)\n", "- [Stop](#end)\n- [Wait](#end)\n"), language="fi"
            ),
            c.write("fi/course.md", COURSE),
        ),
        FI,
        14,
    ),
    # the course evaluation
    "evaluation-not-off": Case(
        "EVALUATION_NOT_OFF", own_evaluation("evaluation: yes\n"), "content/en/course.md", 5
    ),
    "evaluation-too-many": Case(
        "EVALUATION_TOO_MANY",
        own_evaluation(
            "evaluation:\n  statements:\n"
            + "".join(f"    s{n}: Statement {n}.\n" for n in range(11))
            + "  question: Why?\n"
        ),
        "content/en/course.md",
        6,
    ),
    "evaluation-too-long": Case(
        "EVALUATION_TOO_LONG",
        own_evaluation(EVALUATION.replace("What would you change?", "Why" * 70 + "?")),
        "content/en/course.md",
        9,
    ),
    "evaluation-missing-question": Case(
        "MISSING_FIELD",
        own_evaluation(EVALUATION.replace("  question: What would you change?\n", "")),
        "content/en/course.md",
        5,
    ),
    "evaluation-unknown-field": Case(
        "UNKNOWN_FIELD",
        own_evaluation(EVALUATION + "  scale: 7\n"),
        "content/en/course.md",
        10,
        "warning",
    ),
    "evaluation-bad-statement-id": Case(
        "BAD_ID",
        own_evaluation(EVALUATION.replace("clear:", "Clear_1:")),
        "content/en/course.md",
        8,
    ),
    "evaluation-statement-not-text": Case(
        "NOT_TEXT",
        own_evaluation(EVALUATION.replace("It was clear.", "[1, 2]")),
        "content/en/course.md",
        8,
    ),
    "evaluation-parity": Case(
        "EVALUATION_PARITY",
        lambda c: all_languages(c, fi_course=with_evaluation("evaluation: off\n")),
        "content/fi/course.md",
        5,
    ),
    "evaluation-missing-statement": Case(
        "EVALUATION_MISSING_STATEMENT",
        lambda c: evaluation_languages(c, EVALUATION.replace("    clear: It was clear.\n", "")),
        "content/fi/course.md",
        6,
    ),
    "evaluation-extra-statement": Case(
        "EVALUATION_EXTRA_STATEMENT",
        lambda c: evaluation_languages(
            c, EVALUATION.replace("  question", "    more: One more.\n  question")
        ),
        "content/fi/course.md",
        9,
    ),
    "evaluation-order": Case(
        "EVALUATION_ORDER",
        lambda c: evaluation_languages(
            c,
            EVALUATION.replace(
                "    relevant: It was relevant.\n    clear: It was clear.\n",
                "    clear: It was clear.\n    relevant: It was relevant.\n",
            ),
        ),
        "content/fi/course.md",
        6,
    ),
    # The `changes` list (trainer/modules/courses/changes.py): the list at line 12,
    # its first entry at line 13.
    "changes-not-list": Case("CHANGES_NOT_LIST", lambda c: c.module(recorded("soon")), M, 12),
    "change-not-fields": Case(
        "CHANGE_NOT_FIELDS", lambda c: c.module(recorded("\n  - just text")), M, 13
    ),
    "change-unknown-field": Case(
        "CHANGE_UNKNOWN_FIELD",
        lambda c: c.module(recorded(ENTRY + "    colour: red\n")),
        M,
        13,
        "warning",
    ),
    "change-bad-version": Case(
        "CHANGE_BAD_VERSION", lambda c: c.module(recorded(ENTRY.replace("0123", "v2-"))), M, 13
    ),
    "change-bad-retraining": Case(
        "CHANGE_BAD_RETRAINING",
        lambda c: c.module(recorded(ENTRY.replace("true", "maybe"))),
        M,
        13,
    ),
    "change-no-note": Case(
        "CHANGE_NO_NOTE", lambda c: c.module(recorded(ENTRY.split("    note")[0])), M, 13
    ),
    "change-twice": Case("CHANGE_TWICE", lambda c: c.module(recorded(ENTRY + ENTRY[1:])), M, 16),
    "change-not-recorded": Case(
        "CHANGE_NOT_RECORDED", lambda c: c.module(recorded(ENTRY)), M, 12, "warning"
    ),
    "refresher-unknown-module": Case(
        "REFRESHER_UNKNOWN_MODULE",
        lambda c: (c.module(), c.write("en/course.md", REFRESHER.format("nothing"))),
        "content/en/course.md",
        3,
    ),
    "refresher-draw-too-many": Case(
        "REFRESHER_DRAW_TOO_MANY",
        lambda c: (
            c.module(),
            c.write(
                "en/course.md", COURSE.replace("---\n", "---\nrefresher:\n  draw: {basics: 5}\n", 1)
            ),
        ),
        "content/en/course.md",
        3,
    ),
    "parity-refresher": Case(
        "PARITY_REFRESHER",
        lambda c: all_languages(c, fi_course=REFRESHER.format("basics")),
        "content/fi/course.md",
        2,
    ),
    "parity-changes": Case("PARITY_CHANGES", lambda c: all_languages(c, recorded(ENTRY)), FI, 12),
}


def template_pattern(template: msg.Template) -> re.Pattern[str]:
    """A regex matching any message made from `template` (in English, either form)."""
    return re.compile("|".join(_form_pattern(form) for form in template.forms))


def _form_pattern(form: str) -> str:
    parts = re.split(r"(\{\{|\}\}|\{[^{}]*\})", form)
    return "".join(
        "{" if p == "{{" else "}" if p == "}}" else ".+" if p.startswith("{") else re.escape(p)
        for p in parts
    )


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_rule_fires_at_its_file_and_line(content: Content, case: Case) -> None:
    case.build(content)
    problems = content.load().problems
    pattern = template_pattern(getattr(msg, case.message))
    found = [(p.path, p.line, p.severity) for p in problems if pattern.fullmatch(p.message)]
    assert (case.path, case.line, case.severity) in found, [str(p) for p in problems]


def test_every_message_has_a_case() -> None:
    messages = set(msg.problem_templates())
    assert messages == {case.message for case in CASES.values()} | {"CANNOT_READ"}


def test_unreadable_file(content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    content.module()
    content.write("images/map.svg", "<svg></svg>")
    read_bytes = Path.read_bytes

    def failing(path: Path) -> bytes:
        if path.name in ("01-basics.md", "map.svg"):
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", failing)
    assert content.problems() == [
        "content/en: the course has no modules",
        "content/en/01-basics.md: file cannot be read: Permission denied",
        "content/images/map.svg: file cannot be read: Permission denied",
    ]


def test_front_matter_that_refers_to_itself(content: Content) -> None:
    content.module(changed("quiz:\n  pass_mark: 80\n  draw: 1", "quiz: &a {draw: *a}"))
    assert content.problems() == [
        f"{M}:9: 'quiz.pass_mark' is missing",
        f"{M}:9: 'quiz.draw' must be a whole number from 1 to 999",
    ]


def test_the_minimal_module_is_clean(content: Content) -> None:
    content.module()
    assert content.problems() == []
    assert content.load().catalogue is not None


def test_a_message_in_full(content: Content) -> None:
    content.module(changed("- [x] Yes", "- [ ] Yes"))
    assert content.problems() == [
        f"{M}:20: question 'q-one' has no right answer: mark it with [x]",
    ]


def test_all_problems_of_all_files_are_reported_at_once(content: Content) -> None:
    content.module(
        changed("day: 1", "day: 3", "- [x] Yes", "- [ ] Yes", "Some text.", "[x](#nope)")
    )
    content.write("en/02-more.md", other_module("more", 2).replace("title: Basics", "title: 5"))
    assert content.problems() == [
        f"{M}:4: 'day' must be a whole number from 1 to 2",
        f"{M}:16: link to '#nope': this module has no lesson 'nope'",
        f"{M}:20: question 'q-one' has no right answer: mark it with [x]",
        "content/en/02-more.md:3: 'title' must be text (put it in quotes if it looks like a number or yes/no)",
    ]
    assert content.load().catalogue is None


def test_warnings_alone_still_give_a_catalogue(content: Content) -> None:
    content.module(changed("Some text.", "Some <b>text</b>."))
    result = content.load()
    assert [str(p) for p in result.errors] == []
    assert f"{M}:16: warning: raw HTML <b> is removed: write it in Markdown" in content.problems()
    assert result.catalogue is not None
    assert result.catalogue.module("en", "basics").lessons[0].html == "<p>Some text.</p>"


def test_a_problem_prints_without_line_for_a_whole_file(content: Content) -> None:
    content.module(name="02-basics.md")
    assert content.problems() == [
        "content/en/02-basics.md: file name does not match id and order: rename the file to 01-basics.md"
    ]


def test_the_evaluation_turned_off_and_written_out(content: Content) -> None:
    for language in ("en", "sv"):
        content.module(language=language)
        content.write(f"{language}/course.md", with_evaluation())
    content.module(language="fi")
    content.write("fi/course.md", with_evaluation())
    courses = content.load().catalogue.courses
    assert courses["fi"].evaluation.statement_ids == ("relevant", "clear")
    assert courses["fi"].evaluation.question == "What would you change?"
    assert not courses["fi"].evaluation.built_in
    for language in ("en", "sv", "fi"):
        content.write(f"{language}/course.md", with_evaluation("evaluation: off\n"))
    assert content.problems() == []
    assert all(c.evaluation is None for c in content.load().catalogue.courses.values())


def test_a_course_file_without_an_evaluation_gets_the_built_in_one(content: Content) -> None:
    content.module()
    evaluation = content.load().catalogue.course("en").evaluation
    assert evaluation.built_in and len(evaluation.statements) == 5
