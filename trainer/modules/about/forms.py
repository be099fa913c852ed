"""The feedback form of the accessibility statement."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from trainer.core.forms import Form
from trainer.core.inputs import PlainText
from trainer.modules.about.feedback import MESSAGE_LENGTH, PAGE_LENGTH
from trainer.modules.accounts.models import EMAIL_LENGTH


class FeedbackForm(Form):
    message = TextAreaField(
        _l("Your message"),
        validators=[
            DataRequired(message=_l("Write what did not work for you.")),
            Length(
                max=MESSAGE_LENGTH,
                message=_l("Please keep the message to %(max)d characters or fewer."),
            ),
            PlainText(multiline=True),
        ],
        description=_l("What did not work, and on which device or with which aid."),
    )
    page = StringField(
        _l("Page or address (if you know it)"),
        validators=[Optional(), Length(max=PAGE_LENGTH), PlainText()],
    )
    email = EmailField(
        _l("Your e-mail, if you would like an answer"),
        validators=[Optional(), Email(), Length(max=EMAIL_LENGTH), PlainText()],
        render_kw={"autocomplete": "email"},
    )
