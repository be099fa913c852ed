"""The admin's forms for SCIM directories."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from trainer.core.forms import Form
from trainer.core.inputs import PlainText
from trainer.modules.accounts.models import NAME_LENGTH


class DirectoryForm(Form):
    name = StringField(
        _l("Name of the directory"),
        validators=[DataRequired(), Length(max=NAME_LENGTH), PlainText()],
        id="directory-name",
    )


class ConfirmForm(Form):
    """A button that only carries the CSRF token."""
