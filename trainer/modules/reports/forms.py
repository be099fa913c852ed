"""Forms of the reports module."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import Optional


class DueDateForm(FlaskForm):
    due_on = DateField(
        _l("Complete by"),
        validators=[Optional()],
        description=_l("Leave it empty to remove the date."),
    )
