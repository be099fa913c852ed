"""Every message the loader and checker can report, in one place.

docs/authoring.md explains each of them (a test checks that none is missing there).
They are format strings; `{{` and `}}` stand for literal braces.
"""

# Files and folders
NO_CONTENT = "no course found: expected course.md and module files in {folders}"
NO_LANGUAGE = "no content in this language: the course will be offered without it"
NO_COURSE_FILE = "course.md is missing: every language needs one"
NOT_A_MODULE_FILE = "not a module file (NN-module-id.md) or course.md: ignored"
NOT_UTF8 = "file is not UTF-8 text: save it as UTF-8"
CANNOT_READ = "file cannot be read: {problem}"
FILE_TOO_LARGE = "file is larger than {limit} MB: split the module"
NO_MODULES = "the course has no modules"

# Front matter
NO_FRONT_MATTER = "file must start with front matter between two --- lines"
UNCLOSED_FRONT_MATTER = "front matter is not closed: add a line with --- after it"
BAD_YAML = "front matter is not valid YAML: {problem}"
NOT_FIELDS = "'{field}' must be fields written as name: value"
MISSING_FIELD = "'{field}' is missing"
DUPLICATE_FIELD = "'{field}' is given twice"
UNKNOWN_FIELD = "unknown field '{field}' is ignored"
NOT_TEXT = "'{field}' must be text (put it in quotes if it looks like a number or yes/no)"
NOT_TEXT_LIST = "'{field}' must be a list of text items, one '- item' a line"
NOT_WHOLE_NUMBER = "'{field}' must be a whole number from {low} to {high}"
NOT_POSITIVE_NUMBER = "'{field}' must be a number greater than 0"
NOT_CHOICE = "'{field}' must be one of: {choices}"
BAD_ID = "'{id}' is not a valid id: use lowercase letters a-z, digits and single hyphens"

# Module structure
TEXT_BEFORE_LESSON = "text before the first lesson: start a lesson with '# Title {{#lesson-id}}'"
HEADING_WITHOUT_ID = "heading '{title}' has no id: add one, '{title} {{#some-id}}'"
BAD_HEADING_ATTRIBUTE = (
    "'{token}' in a heading's {{...}} is neither an #id, a .class nor a name=value"
)
LESSON_CLASS = "a lesson heading takes an id, .branching and minutes=N only, not '.{name}'"
LESSON_VALUE = "a lesson heading takes minutes=N only, not '{name}='"
QUESTION_VALUE = "a question heading takes an id and classes only, not '{name}='"
BAD_MINUTES = "'minutes={value}' must be a whole number from 1 to {high}"
LINE_TOO_LONG = "line is {length} characters long, more than {limit}: break it into shorter lines"
DUPLICATE_ID = "id '{id}' is used twice in this file (first at line {first})"
HEADING_WITHOUT_TITLE = "heading {{#{id}}} has no title"
EMPTY_LESSON = "lesson '{id}' has no text"
NO_LESSONS = "module has no lessons"
NO_QUIZ = "module has no quiz: add a section '# Quiz {{#quiz}}' with questions"
QUIZ_PREAMBLE = "only questions belong in the quiz: start each with '## Question? {{#question-id}}'"
EMPTY_QUIZ = "the quiz has no questions"
FILE_NAME_MISMATCH = "file name does not match id and order: rename the file to {expected}"

# Questions
UNKNOWN_QUESTION_CLASS = (
    "unknown question class '.{name}': use .single, .multiple, .true-false, .ordering or .scenario"
)
TWO_KINDS = "question '{id}' has two types ({kinds}): keep one"
NO_OPTIONS = "question '{id}' has no options: list them as '- [ ] answer' and '- [x] right answer'"
NUMBERED_WITHOUT_ORDERING = (
    "question '{id}' lists numbered steps: add .ordering to its heading, "
    "or write its options as '- [ ] answer'"
)
ORDERING_WITH_BOXES = (
    "ordering question '{id}' lists its steps as a numbered list (1. step) "
    "in the right order, without boxes"
)
EMPTY_OPTION = "option {number} of question '{id}' has no text"
TOO_FEW_OPTIONS = "question '{id}' needs at least two options"
NO_CORRECT = "question '{id}' has no right answer: mark it with [x]"
SINGLE_WITH_SEVERAL = (
    "question '{id}' is single-choice but has {count} right answers: "
    "keep one [x], or make it .multiple"
)
TRUE_FALSE_OPTIONS = "true/false question '{id}' must have exactly two options, one of them [x]"
SCENARIO_WITHOUT_CASE = (
    "scenario question '{id}' needs the case text between its heading and its options"
)
TEXT_AFTER_OPTIONS = (
    "unexpected text after the options of question '{id}': "
    "an explanation is a quote, every line starting with >"
)
DRAW_TOO_LARGE = "the quiz draws {draw} questions but its pool has only {pool}"

# Course: all modules of a language together
DUPLICATE_MODULE_ID = "module id '{id}' is also used by {other}"
DUPLICATE_ORDER = "order {order} is also used by {other}"
DAY_OUT_OF_ORDER = "module is on day {day} but comes after {other}, which is on day {other_day}"

# Markdown inside lessons, questions and the course description
RAW_HTML = "raw HTML {html} is removed: write it in Markdown"
UNKNOWN_CALLOUT = (
    "unknown callout [!{kind}]: use [!NOTE], [!WARNING], [!CASE], [!EXERCISE] or [!ANSWER]"
)
TOO_INDENTED = "line is indented {depth} spaces, more than {limit}: nest lists less deeply"
TOO_MANY_QUOTES = "quotes nested {depth} deep, more than {limit}: nest them less deeply"
TOO_MANY_BRACKETS = (
    "{count} '[' in one paragraph, more than {limit}: links and boxes need far fewer; "
    "write a literal bracket as \\["
)

# Exercises
EXERCISE_WITHOUT_ANSWER = (
    "exercise has no model answer: follow it with a quote starting '> [!ANSWER]'"
)
ANSWER_WITHOUT_EXERCISE = "a '> [!ANSWER]' quote must follow an '> [!EXERCISE]' quote"

# Branching cases
CASE_NO_STEPS = "branching case '{id}' has no steps: add '## Step title {{#step-id}}' sections"
CASE_NO_ENDING = "branching case '{id}' has no ending: a step without choices ends the case"
CASE_BAD_CHOICE = "step '{id}': a choice is a link to a step, '- [What you do](#step-id)'"
CASE_BAD_TARGET = "step '{id}': choice '{choice}' leads to '#{target}', not a step of this case"
CASE_ONE_CHOICE = "step '{id}' has one choice: give two or more, or none to end the case there"
CASE_TEXT_AFTER_CHOICES = "unexpected text after the choices of step '{id}': choices come last"
CASE_UNREACHABLE = "step '{id}' cannot be reached from the first step, '{start}'"
CASE_LOOP = "step '{id}' leads back to itself ({path}): every path through a case must end"

# Honest time, quiz tells and sources: warnings
LESSON_TIME = (
    "lesson '{id}' says {minutes} minutes, but {words} words and {exercises} exercise(s) "
    "take about {estimate}: give between {low} and {high}"
)
MODULE_TIME = (
    "module says {minutes} minutes, but its lessons and quiz take about {estimate}: "
    "give between {low} and {high}"
)
COURSE_HOURS = "'hours' is {hours}, but the modules add up to {total} hours"
TELL_LONGEST = (
    "quiz: the right option is the longest in {count} of {total} single-choice questions "
    "({share} %); keep it at most 40 % so that length does not give the answer away"
)
TELL_TRUE_FALSE = (
    "quiz: {count} of {total} true/false questions are keyed {key} ({share} %); "
    "balance them so that guessing one way does not pay"
)
TELL_SAME_KEYS = (
    "quiz: all {total} multiple-choice questions have {keys} right options; "
    "vary the number so that counting does not pay"
)
SOURCE_UNTRACEABLE = (
    "source '{source}' needs a link (https://...) or a legal identifier (746/2011, "
    "HE 65/2024) and the date it was read (2026-11-28)"
)
BROKEN_LESSON_LINK = "link to '{target}': {where} has no lesson '{lesson}'"
NO_SUCH_MODULE_FILE = "link to '{target}': there is no module file {file}"
LINK_NOT_ALLOWED = (
    "link to '{target}' is not allowed: link to a lesson (#lesson-id or "
    "NN-module-id.md#lesson-id) or a web address (https://...)"
)
IMAGE_NOT_IN_FOLDER = "image '{src}' must be a file of content/images, written ../images/file.png"
IMAGE_NOT_FOUND = "image '{src}' not found: there is no {path}"
IMAGE_TYPE = "image '{src}' must be a .png, .jpg, .jpeg, .gif, .webp or .svg file"
IMAGE_WITHOUT_ALT = "image '{src}' has no alt text: describe it between the brackets, ![...]"
SVG_SCRIPT = "SVG image contains scripts, event handlers or links: remove them"

# Parity: every language has the same structure as the reference language
PARITY_MISSING_FILE = "missing: {reference} has no counterpart in this language"
PARITY_EXTRA_FILE = "not in {reference_folder}: every module must exist in every language"
PARITY_FIELD = "'{field}' is {here} here but {there} in {reference}"
PARITY_LESSONS = "lessons are {here} here but {there} in {reference}: same ids, same order"
PARITY_MISSING_QUESTION = "question '{id}' of {reference} is missing here"
PARITY_EXTRA_QUESTION = "question '{id}' is not in {reference}"
PARITY_QUESTION = "question '{id}' has {here} here but {there} in {reference}"
PARITY_CASE = "branching case '{id}' has {here} here but {there} in {reference}"
