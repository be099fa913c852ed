"""Forms of the reports module."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField
from wtforms.validators import Optional

from trainer.core.forms import Form


class DueDateForm(Form):
    due_on = DateField(
        _l("Complete by"),
        validators=[Optional()],
        description=_l("Leave it empty to remove the date."),
    )
