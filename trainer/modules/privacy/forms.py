"""Forms of the personal-data pages."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from trainer.core.forms import Form


class ConfirmDeletionForm(Form):
    email = StringField(
        _l("Type the person's e-mail address to confirm"),
        validators=[DataRequired(), Length(max=254)],
    )
