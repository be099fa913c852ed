"""The course evaluation: a short anonymous form at completion, and its results.

What the learner is asked comes from the course file (courses/evaluation.py): a few
statements answered from 1 (strongly disagree) to 5 (strongly agree) and one open
question. Every answer and the comment are optional; the learner may decline.

How an answer is kept from its author
-------------------------------------
No page, export or personal-data export links an answer to a person, and the stored
rows are written so that the database itself does not either:

- Two tables. `evaluation_replies` says that a person has had their say about one
  completion (answered or declined: it does not say which), so that no one is asked
  twice. The answers hold no user, no exact time (a month, "2026-11"), only the
  centre, the language and the course version, and an id drawn at random.
- Writing both in one transaction would link them: on PostgreSQL both rows would carry
  that transaction's id (xmin), and in any database the n-th reply and the n-th answer
  would lie in the same order on disk and in a dump. So an answer first goes into a
  ballot box (`evaluation_ballots`), and only when its centre and language hold
  GROUP_SIZE ballots are they all moved into `evaluation_answers` together, in random
  order, by one transaction, all with the month and course version of that moment. A
  counted answer's order, transaction, month and version then point at a group of at
  least GROUP_SIZE people of the same centre and language, never at one (with the
  month it was given, someone who knows who completed when could have told it apart).
  (While it waits, a ballot shares its transaction with its reply; the box is never
  shown, exported or counted, and the move deletes it.) On SQLite the random id is the
  rowid itself, so no hidden rowid counts the rows in the order they came.
- Results show a centre and language only when they have GROUP_SIZE answers, and the
  move gives every centre and language its answers GROUP_SIZE or more at a time. So no
  figure on a page or in an export stands for fewer people, no difference of two views
  isolates fewer, and a trainer who looks before and after someone completes sees no
  change that is theirs alone. The results have no filter by month or version, for the
  same reason: a difference between two periods could isolate one answer.
- Comments are listed in alphabetical order, never in the order they came.
- Deleting a person deletes their replies; the answers, never theirs in any way the
  database can tell, stay.

What is left: a comment may identify its writer by what it says; a web server's
access log records who sent the form and when; and the number of answers waiting,
shown to trainers, grows by one when someone answers (so whoever watches it as a
person completes can tell that they answered, not what). These are beyond what this
code can hide.
"""

from flask import Blueprint

blueprint = Blueprint("evaluation", __name__, template_folder="templates")


@blueprint.app_template_global("evaluation_invitation")
def _evaluation_invitation() -> bool:
    """Whether the signed-in learner is invited to the evaluation now (completion page)."""
    from flask_login import current_user

    from trainer.modules.evaluation.operations import invited_completion

    if not current_user.is_authenticated:
        return False
    return invited_completion(current_user.id) is not None


@blueprint.app_template_filter("one_decimal")
def _one_decimal(value: float) -> str:
    """A mean in the reader's locale, with one decimal (3.4, 3,4)."""
    from flask_babel import format_decimal

    return format_decimal(round(value, 1), format="0.0")


from trainer.modules.evaluation import views  # noqa: E402, F401
