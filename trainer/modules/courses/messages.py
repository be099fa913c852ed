"""Every message the loader and checker can report, in one place.

Each is a Template: English text (the msgid of the UI catalogues, so trainers read it
in their interface language), with {names} for the values the checker fills in and
`{{`, `}}` for literal braces, and the authoring guide's section that explains it.
docs/authoring.md explains each of them (a test checks that none is missing there).
The parts at the end are worded inside other messages.
"""

from trainer.modules.courses.wording import N_, Template, ngettext

# The sections of docs/authoring.md under "Every checker message", as the guide page
# (authoring.guide) names their anchors; the first two titles also head earlier sections.
FILES = "files-and-folders_1"
FRONT_MATTER = "front-matter_1"
STRUCTURE = "module-structure"
EXERCISES = "exercises-and-branching-cases"
QUESTIONS = "questions"
ADVICE = "honest-time-quiz-tells-and-sources-warnings"
LANGUAGE = "the-modules-of-a-language-together"
MARKDOWN = "markdown-in-lessons-questions-and-the-course-description"
TRANSLATIONS = "translations"
EVALUATION = "the-course-evaluation_1"

# Files and folders
NO_CONTENT = Template(
    N_("no course found: expected course.md and module files in {folders}"), FILES
)
NO_LANGUAGE = Template(
    N_("no content in this language: the course will be offered without it"), FILES
)
NO_COURSE_FILE = Template(N_("course.md is missing: every language needs one"), FILES)
NOT_A_MODULE_FILE = Template(N_("not a module file (NN-module-id.md) or course.md: ignored"), FILES)
NOT_UTF8 = Template(N_("file is not UTF-8 text: save it as UTF-8"), FILES)
CANNOT_READ = Template(N_("file cannot be read: {problem}"), FILES)
FILE_TOO_LARGE = Template(N_("file is larger than {limit} MB: split the module"), STRUCTURE)
NO_MODULES = Template(N_("the course has no modules"), FILES)

# Front matter
NO_FRONT_MATTER = Template(
    N_("file must start with front matter between two --- lines"), FRONT_MATTER
)
UNCLOSED_FRONT_MATTER = Template(
    N_("front matter is not closed: add a line with --- after it"), FRONT_MATTER
)
BAD_YAML = Template(N_("front matter is not valid YAML: {problem}"), FRONT_MATTER)
NOT_FIELDS = Template(N_("'{field}' must be fields written as name: value"), FRONT_MATTER)
MISSING_FIELD = Template(N_("'{field}' is missing"), FRONT_MATTER)
DUPLICATE_FIELD = Template(N_("'{field}' is given twice"), FRONT_MATTER)
UNKNOWN_FIELD = Template(N_("unknown field '{field}' is ignored"), FRONT_MATTER)
NOT_TEXT = Template(
    N_("'{field}' must be text (put it in quotes if it looks like a number or yes/no)"),
    FRONT_MATTER,
)
NOT_TEXT_LIST = Template(
    N_("'{field}' must be a list of text items, one '- item' a line"), FRONT_MATTER
)
NOT_WHOLE_NUMBER = Template(
    N_("'{field}' must be a whole number from {low} to {high}"), FRONT_MATTER
)
NOT_POSITIVE_NUMBER = Template(N_("'{field}' must be a number greater than 0"), FRONT_MATTER)
NOT_CHOICE = Template(N_("'{field}' must be one of: {choices}"), FRONT_MATTER)
REFRESHER_UNKNOWN_MODULE = Template(
    N_("the refresher lists '{id}', which is not a module of the course"), FRONT_MATTER
)
REFRESHER_DRAW_TOO_MANY = Template(
    N_("the refresher draws more questions from '{id}' than its quiz does ({draw})"),
    FRONT_MATTER,
)
PARITY_REFRESHER = Template(
    N_("the refresher is {here} here but {there} in {reference}: list the same modules"),
    TRANSLATIONS,
)
CHANGES_NOT_LIST = Template(
    N_("'changes' must be a list of entries, each with version, retraining and note"),
    FRONT_MATTER,
)
CHANGE_NOT_FIELDS = Template(
    N_("'changes' entry {number} must be fields: version, retraining and note"), FRONT_MATTER
)
CHANGE_UNKNOWN_FIELD = Template(
    N_("'changes' entry {number}: unknown field '{field}' is ignored"), FRONT_MATTER
)
CHANGE_BAD_VERSION = Template(
    N_("'changes' entry {number}: 'version' must be a content version (16 digits and a-f)"),
    FRONT_MATTER,
)
CHANGE_BAD_RETRAINING = Template(
    N_("'changes' entry {number}: 'retraining' must be true or false"), FRONT_MATTER
)
CHANGE_NO_NOTE = Template(
    N_("'changes' entry {number}: 'note' must say in a sentence what changed"), FRONT_MATTER
)
CHANGE_TWICE = Template(N_("'changes' has version {version} twice"), FRONT_MATTER)
CHANGE_NOT_RECORDED = Template(
    N_(
        "the content version is now {version}, not the newest in 'changes': record whether"
        " this change requires retraining"
    ),
    FRONT_MATTER,
)
BAD_ID = Template(
    N_("'{id}' is not a valid id: use lowercase letters a-z, digits and single hyphens"),
    FRONT_MATTER,
)

# Module structure
TEXT_BEFORE_LESSON = Template(
    N_("text before the first lesson: start a lesson with '# Title {{#lesson-id}}'"), STRUCTURE
)
HEADING_WITHOUT_ID = Template(
    N_("heading '{title}' has no id: add one, '{title} {{#some-id}}'"), STRUCTURE
)
BAD_HEADING_ATTRIBUTE = Template(
    N_("'{token}' in a heading's {{...}} is neither an #id, a .class nor a name=value"),
    STRUCTURE,
)
LESSON_CLASS = Template(
    N_("a lesson heading takes an id, .branching and minutes=N only, not '.{name}'"), STRUCTURE
)
LESSON_VALUE = Template(N_("a lesson heading takes minutes=N only, not '{name}='"), STRUCTURE)
QUESTION_VALUE = Template(
    N_("a question heading takes an id and classes only, not '{name}='"), STRUCTURE
)
BAD_MINUTES = Template(N_("'minutes={value}' must be a whole number from 1 to {high}"), STRUCTURE)
LINE_TOO_LONG = Template(
    N_("line is {length} characters long, more than {limit}: break it into shorter lines"),
    STRUCTURE,
)
DUPLICATE_ID = Template(
    N_("id '{id}' is used twice in this file (first at line {first})"), STRUCTURE
)
HEADING_WITHOUT_TITLE = Template(N_("heading {{#{id}}} has no title"), STRUCTURE)
EMPTY_LESSON = Template(N_("lesson '{id}' has no text"), STRUCTURE)
NO_LESSONS = Template(N_("module has no lessons"), STRUCTURE)
NO_QUIZ = Template(
    N_("module has no quiz: add a section '# Quiz {{#quiz}}' with questions"), STRUCTURE
)
QUIZ_PREAMBLE = Template(
    N_("only questions belong in the quiz: start each with '## Question? {{#question-id}}'"),
    STRUCTURE,
)
EMPTY_QUIZ = Template(N_("the quiz has no questions"), STRUCTURE)
FILE_NAME_MISMATCH = Template(
    N_("file name does not match id and order: rename the file to {expected}"), STRUCTURE
)

# Questions
UNKNOWN_QUESTION_CLASS = Template(
    N_(
        "unknown question class '.{name}': use .single, .multiple, .true-false, .ordering or .scenario"
    ),
    QUESTIONS,
)
TWO_KINDS = Template(N_("question '{id}' has two types ({kinds}): keep one"), QUESTIONS)
NO_OPTIONS = Template(
    N_("question '{id}' has no options: list them as '- [ ] answer' and '- [x] right answer'"),
    QUESTIONS,
)
NUMBERED_WITHOUT_ORDERING = Template(
    N_(
        "question '{id}' lists numbered steps: add .ordering to its heading, "
        "or write its options as '- [ ] answer'"
    ),
    QUESTIONS,
)
ORDERING_WITH_BOXES = Template(
    N_(
        "ordering question '{id}' lists its steps as a numbered list (1. step) "
        "in the right order, without boxes"
    ),
    QUESTIONS,
)
EMPTY_OPTION = Template(N_("option {number} of question '{id}' has no text"), QUESTIONS)
TOO_FEW_OPTIONS = Template(N_("question '{id}' needs at least two options"), QUESTIONS)
NO_CORRECT = Template(N_("question '{id}' has no right answer: mark it with [x]"), QUESTIONS)
SINGLE_WITH_SEVERAL = Template(
    N_(
        "question '{id}' is single-choice but has {count} right answers: "
        "keep one [x], or make it .multiple"
    ),
    QUESTIONS,
)
TRUE_FALSE_OPTIONS = Template(
    N_("true/false question '{id}' must have exactly two options, one of them [x]"), QUESTIONS
)
SCENARIO_WITHOUT_CASE = Template(
    N_("scenario question '{id}' needs the case text between its heading and its options"),
    QUESTIONS,
)
TEXT_AFTER_OPTIONS = Template(
    N_(
        "unexpected text after the options of question '{id}': "
        "an explanation is a quote, every line starting with >"
    ),
    QUESTIONS,
)
DRAW_TOO_LARGE = Template.counted(
    ngettext(
        "the quiz draws {draw} question but its pool has only {pool}",
        "the quiz draws {draw} questions but its pool has only {pool}",
    ),
    QUESTIONS,
    count="draw",
)

# Course: all modules of a language together
DUPLICATE_MODULE_ID = Template(N_("module id '{id}' is also used by {other}"), LANGUAGE)
DUPLICATE_ORDER = Template(N_("order {order} is also used by {other}"), LANGUAGE)
DAY_OUT_OF_ORDER = Template(
    N_("module is on day {day} but comes after {other}, which is on day {other_day}"), LANGUAGE
)

# Markdown inside lessons, questions and the course description
RAW_HTML = Template(N_("raw HTML {html} is removed: write it in Markdown"), MARKDOWN)
UNKNOWN_CALLOUT = Template(
    N_("unknown callout [!{kind}]: use [!NOTE], [!WARNING], [!CASE], [!EXERCISE] or [!ANSWER]"),
    MARKDOWN,
)
TOO_INDENTED = Template(
    N_("line is indented {depth} spaces, more than {limit}: nest lists less deeply"), STRUCTURE
)
TOO_MANY_QUOTES = Template(
    N_("quotes nested {depth} deep, more than {limit}: nest them less deeply"), STRUCTURE
)
TOO_MANY_BRACKETS = Template(
    N_(
        "{count} '[' in one paragraph, more than {limit}: links and boxes need far fewer; "
        "write a literal bracket as \\["
    ),
    STRUCTURE,
)

# Exercises
EXERCISE_WITHOUT_ANSWER = Template(
    N_("exercise has no model answer: follow it with a quote starting '> [!ANSWER]'"),
    EXERCISES,
)
ANSWER_WITHOUT_EXERCISE = Template(
    N_("a '> [!ANSWER]' quote must follow an '> [!EXERCISE]' quote"), EXERCISES
)

# Branching cases
CASE_NO_STEPS = Template(
    N_("branching case '{id}' has no steps: add '## Step title {{#step-id}}' sections"), EXERCISES
)
CASE_NO_ENDING = Template(
    N_("branching case '{id}' has no ending: a step without choices ends the case"), EXERCISES
)
CASE_BAD_CHOICE = Template(
    N_("step '{id}': a choice is a link to a step, '- [What you do](#step-id)'"), EXERCISES
)
CASE_BAD_TARGET = Template(
    N_("step '{id}': choice '{choice}' leads to '#{target}', not a step of this case"), EXERCISES
)
CASE_ONE_CHOICE = Template(
    N_("step '{id}' has one choice: give two or more, or none to end the case there"), EXERCISES
)
CASE_TEXT_AFTER_CHOICES = Template(
    N_("unexpected text after the choices of step '{id}': choices come last"), EXERCISES
)
CASE_UNREACHABLE = Template(
    N_("step '{id}' cannot be reached from the first step, '{start}'"), EXERCISES
)
CASE_LOOP = Template(
    N_("step '{id}' leads back to itself ({path}): every path through a case must end"), EXERCISES
)

# Honest time, quiz tells and sources: warnings
LESSON_TIME = Template.counted(
    ngettext(
        "lesson '{id}' says {minutes} minute, but {words} and {exercises} "
        "take about {estimate}: give between {low} and {high}",
        "lesson '{id}' says {minutes} minutes, but {words} and {exercises} "
        "take about {estimate}: give between {low} and {high}",
    ),
    ADVICE,
    count="minutes",
)
MODULE_TIME = Template.counted(
    ngettext(
        "module says {minutes} minute, but its lessons and quiz take about {estimate}: "
        "give between {low} and {high}",
        "module says {minutes} minutes, but its lessons and quiz take about {estimate}: "
        "give between {low} and {high}",
    ),
    ADVICE,
    count="minutes",
)
COURSE_HOURS = Template(N_("'hours' is {hours}, but the modules add up to {total} hours"), ADVICE)
TELL_LONGEST = Template(
    N_(
        "quiz: the right option is the longest in {count} of {total} single-choice questions "
        "({share} %); keep it at most 40 %, so that length does not give the answer away"
    ),
    ADVICE,
)
TELL_TRUE_FALSE = Template(
    N_(
        "quiz: {count} of {total} true/false questions are keyed {key} ({share} %); "
        "balance them so that guessing one way does not pay"
    ),
    ADVICE,
)
TELL_SAME_KEYS = Template.counted(
    ngettext(
        "quiz: all {total} multiple-choice questions have {keys} right option; "
        "vary the number so that counting does not pay",
        "quiz: all {total} multiple-choice questions have {keys} right options; "
        "vary the number so that counting does not pay",
    ),
    ADVICE,
    count="keys",
)
SOURCE_UNTRACEABLE = Template(
    N_(
        "source '{source}' needs a link (https://...) or a legal identifier (746/2011, "
        "HE 65/2024) and the date it was read (2026-11-28)"
    ),
    ADVICE,
)
BROKEN_LESSON_LINK = Template(N_("link to '{target}': {where} has no lesson '{lesson}'"), MARKDOWN)
NO_SUCH_MODULE_FILE = Template(N_("link to '{target}': there is no module file {file}"), MARKDOWN)
LINK_NOT_ALLOWED = Template(
    N_(
        "link to '{target}' is not allowed: link to a lesson (#lesson-id or "
        "NN-module-id.md#lesson-id) or a web address (https://...)"
    ),
    MARKDOWN,
)
IMAGE_NOT_IN_FOLDER = Template(
    N_("image '{src}' must be a file of content/images, written ../images/file.png"), MARKDOWN
)
IMAGE_NOT_FOUND = Template(N_("image '{src}' not found: there is no {path}"), MARKDOWN)
IMAGE_TYPE = Template(
    N_("image '{src}' must be a .png, .jpg, .jpeg, .gif, .webp or .svg file"), MARKDOWN
)
IMAGE_WITHOUT_ALT = Template(
    N_("image '{src}' has no alt text: describe it between the brackets, ![...]"), MARKDOWN
)
SVG_SCRIPT = Template(
    N_("SVG image contains scripts, event handlers or links: remove them"), MARKDOWN
)

# The course evaluation (course.md)
EVALUATION_NOT_OFF = Template(
    N_("'evaluation' must be off, or fields: statements and a question"), EVALUATION
)
EVALUATION_TOO_MANY = Template(
    N_("the evaluation has {count} statements: keep it short, {limit} at most"), EVALUATION
)
EVALUATION_TOO_LONG = Template(
    N_("'{field}' is {length} characters long: keep it under {limit}"), EVALUATION
)
EVALUATION_PARITY = Template(
    N_("the course evaluation is {here} here but {there} in {reference}"), EVALUATION
)
EVALUATION_MISSING_STATEMENT = Template(
    N_("evaluation statement '{id}' of {reference} is missing here"), EVALUATION
)
EVALUATION_EXTRA_STATEMENT = Template(
    N_("evaluation statement '{id}' is not in {reference}"), EVALUATION
)
EVALUATION_ORDER = Template(
    N_("evaluation statements are {here} here but {there} in {reference}: same order"),
    EVALUATION,
)

# Parity: every language has the same structure as the reference language
PARITY_MISSING_FILE = Template(
    N_("missing: {reference} has no counterpart in this language"), TRANSLATIONS
)
PARITY_EXTRA_FILE = Template(
    N_("not in {reference_folder}: every module must exist in every language"), TRANSLATIONS
)
PARITY_FIELD = Template(N_("'{field}' is {here} here but {there} in {reference}"), TRANSLATIONS)
PARITY_CHANGES = Template(
    N_("'changes' are {here} here but {there} in {reference}: same versions, same retraining"),
    TRANSLATIONS,
)
PARITY_LESSONS = Template(
    N_("lessons are {here} here but {there} in {reference}: same ids, same order"), TRANSLATIONS
)
PARITY_MISSING_QUESTION = Template(
    N_("question '{id}' of {reference} is missing here"), TRANSLATIONS
)
PARITY_EXTRA_QUESTION = Template(N_("question '{id}' is not in {reference}"), TRANSLATIONS)
PARITY_QUESTION_TYPE = Template(
    N_("question '{id}' is a .{here} question here but .{there} in {reference}"), TRANSLATIONS
)
PARITY_QUESTION_OPTIONS = Template.counted(
    ngettext(
        "question '{id}' has {here} option here but {there} in {reference}",
        "question '{id}' has {here} options here but {there} in {reference}",
    ),
    TRANSLATIONS,
    count="here",
)
PARITY_QUESTION_ANSWER = Template(
    N_("question '{id}' has {here} marked right here but {there} in {reference}"),
    TRANSLATIONS,
)
PARITY_CASE = Template(
    N_("branching case '{id}' has {here} here but {there} in {reference}"), TRANSLATIONS
)

# Parts of the messages above, worded in the same language as the message
THIS_MODULE = Template(N_("this module"))
FRONT_MATTER_FIELDS = Template(N_("front matter"))
FIRST_OPTION = Template(N_("the first option"))
SECOND_OPTION = Template(N_("the second option"))
WORDS = Template.counted(ngettext("{count} word", "{count} words"), None, count="count")
EXERCISES_DONE = Template.counted(
    ngettext("{count} exercise", "{count} exercises"), None, count="count"
)
NO_LESSON_IDS = Template(N_("none"))
NO_OPTION_MARKED = Template(N_("no option"))
OPTIONS_MARKED = Template.counted(
    ngettext("option {numbers}", "options {numbers}"), None, count="count"
)
NO_CASE_STEPS = Template(N_("no steps"))
CASE_STEPS = Template(N_("steps {steps}"))
EVALUATION_STATE_OFF = Template(N_("off"))
EVALUATION_STATE_BUILT_IN = Template(N_("the built-in one"))
EVALUATION_STATE_OWN = Template(N_("written out"))


def problem_templates() -> dict[str, Template]:
    """Every message a problem can have, by name (leaving out the parts above)."""
    return {
        name: value
        for name, value in globals().items()
        if isinstance(value, Template) and value.section is not None
    }
