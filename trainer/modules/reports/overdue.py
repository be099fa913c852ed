"""People past their course due date, told to the managers' weekly digest. The digest
is drawn up by cycles, a layer below reports where due dates live: it asks through its
digest_overdue signal, and this answers."""

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import Select, exists, func, select

from trainer.extensions import db
from trainer.modules.accounts.models import LEARNER, User
from trainer.modules.cycles.signals import Overdue, digest_overdue
from trainer.modules.learning.models import CourseCompletion
from trainer.modules.reports.models import CentreDeadline, PersonDeadline


def past_due(people: Select, today: date) -> list[tuple[int, date]]:
    """Those of `people` (a SELECT of ids) who are learners past their due date (their
    own, or else their centre's) without having completed their current training
    cycle, as the dashboard counts them overdue; each once, with the date."""
    due_on = func.coalesce(PersonDeadline.due_on, CentreDeadline.due_on)
    completed = exists().where(
        CourseCompletion.user_id == User.id, CourseCompletion.cycle == User.cycle
    )
    query = (
        select(User.id, due_on)
        .outerjoin(PersonDeadline, PersonDeadline.user_id == User.id)
        .outerjoin(CentreDeadline, CentreDeadline.centre_id == User.centre_id)
        .where(User.id.in_(people), User.role == LEARNER, due_on < today, ~completed)
        .order_by(User.id)
    )
    return [(user_id, due) for user_id, due in db.session.execute(query)]


@digest_overdue.connect
def _courses_overdue(
    _manager: User, people: Select, now: datetime, **_rest: object
) -> list[Overdue]:
    return [Overdue(user_id, _("the course"), due) for user_id, due in past_due(people, now.date())]
