"""Forms of the certificates module."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

MAX_REASON_LENGTH = 500


class RevokeForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(), Length(max=MAX_REASON_LENGTH)],
        description=_l("Recorded in the audit log. The public verification page does not show it."),
    )
