"""Forms of the certificates module."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from trainer.core.forms import Form
from trainer.core.inputs import PlainText

MAX_REASON_LENGTH = 500


class RevokeForm(Form):
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(), Length(max=MAX_REASON_LENGTH), PlainText(multiline=True)],
        description=_l("Recorded in the audit log. The public verification page does not show it."),
    )
