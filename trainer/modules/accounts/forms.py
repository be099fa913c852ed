"""Forms of the accounts module; every one carries a CSRF token."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from trainer.core.audit import SUBJECT_LENGTH
from trainer.core.forms import Form
from trainer.core.i18n import LANGUAGE_NAMES
from trainer.core.inputs import PlainText
from trainer.modules.accounts.models import EMAIL_LENGTH, MANAGER, NAME_LENGTH
from trainer.modules.accounts.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    PasswordPolicy,
)

ROLE_NAMES = {
    "learner": _l("Learner"),
    "trainer": _l("Trainer"),
    "manager": _l("Manager"),
    "admin": _l("Administrator"),
}


def choices(names: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in names.items()]


def new_password_field(label):
    return PasswordField(
        label,
        validators=[
            DataRequired(),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
                message=_l("A password has %(min)d to %(max)d characters."),
            ),
            PasswordPolicy(),
        ],
        description=_l("At least %(count)d characters.", count=MIN_PASSWORD_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )


class LoginForm(Form):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Length(max=EMAIL_LENGTH), PlainText()],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))


class LanguageForm(Form):
    locale = SelectField(_l("Language"), choices=choices(LANGUAGE_NAMES))


class PasswordChangeForm(Form):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class CentreForm(Form):
    name = StringField(
        _l("Name of the centre"),
        validators=[DataRequired(), Length(max=NAME_LENGTH), PlainText()],
        id="centre-name",  # the page's form for a new person has a `name` too
    )


class UserCreateForm(Form):
    name = StringField(
        _l("Name"), validators=[DataRequired(), Length(max=NAME_LENGTH), PlainText()]
    )
    email = EmailField(
        _l("E-mail"), validators=[DataRequired(), Email(), Length(max=EMAIL_LENGTH), PlainText()]
    )
    role = SelectField(_l("Role"), choices=choices(ROLE_NAMES))
    centre = SelectField(
        _l("Centre"),
        coerce=int,
        validators=[Optional()],
        description=_l("A manager manages this centre from the start; more on their page."),
    )
    locale = SelectField(_l("Language"), choices=choices(LANGUAGE_NAMES))
    password = new_password_field(_l("Initial password"))


class UserEditForm(Form):
    role = SelectField(_l("Role"), choices=choices(ROLE_NAMES))
    centre = SelectField(_l("Centre"), coerce=int, validators=[Optional()])
    managed_centres = SelectMultipleField(
        _l("Centres managed"),
        coerce=int,
        description=_l("A manager sees and adds the staff of these centres."),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    is_active = BooleanField(_l("Account is active"))
    # Turned off when the person first signs in through their organisation (identity).
    password_sign_in = BooleanField(_l("May sign in with a password"))

    def validate_managed_centres(self, field) -> None:
        if self.role.data == MANAGER and not field.data:
            raise ValidationError(_l("Choose at least one centre for a manager to manage."))


class ForgotPasswordForm(Form):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Length(max=EMAIL_LENGTH), PlainText()],
        render_kw={"autocomplete": "username"},
    )


class SetPasswordForm(Form):
    new_password = new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class StaffImportForm(Form):
    centre = SelectField(_l("Centre"), coerce=int)
    staff_file = FileField(
        _l("List of staff (CSV)"),
        validators=[FileRequired(_l("Choose a file."))],
        description=_l(
            "Columns: name, e-mail, language (fi, sv or en). Save it from Excel as CSV; "
            "a header row is optional."
        ),
        render_kw={"accept": ".csv,text/csv"},
    )


class StaffImportConfirmForm(Form):
    """The previewed file travels back, packed, with a digest of what the preview showed."""

    centre = HiddenField(validators=[DataRequired()])
    content = HiddenField(validators=[DataRequired()])
    digest = HiddenField(validators=[DataRequired()])


class AuditFilterForm(Form):
    class Meta:
        csrf = False  # a GET form that changes nothing

    action = SelectField(_l("Action"), validators=[Optional()])
    actor = StringField(
        _l("Done by (name or e-mail)"),
        validators=[Optional(), Length(max=SUBJECT_LENGTH), PlainText()],
    )
    about = StringField(
        _l("About (person, e-mail or centre)"),
        validators=[Optional(), Length(max=SUBJECT_LENGTH), PlainText()],
    )
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])
