"""The form for checking a file in the browser."""

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from trainer.core.i18n import LANGUAGE_NAMES, LANGUAGES
from trainer.modules.authoring.uploads import COURSE_FILE
from trainer.modules.courses import Catalogue


class CheckForm(FlaskForm):
    language = SelectField(
        _l("Language of the file"),
        choices=[SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        validators=[InputRequired()],
        description=_l("It is checked against the published files of the other languages."),
    )
    upload = FileField(
        _l("File to check"),
        render_kw={"accept": ".md,.markdown,.zip,text/markdown,application/zip"},
    )
    target = SelectField(
        _l("Which file it is"),
        description=_l(
            "The published file it replaces. Needed for pasted text; "
            "an uploaded file is taken by its own name unless you choose one."
        ),
    )
    text = TextAreaField(
        _l("Or paste the text of the file"),
        render_kw={"rows": 12, "spellcheck": "false"},
    )

    def __init__(self, catalogue: Catalogue, max_bytes: int, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.upload.description = _(
            "A module file (.md) or course.md; or a zip of a whole language folder (.zip), "
            "which replaces that folder. At most %(megabytes)s MB.",
            megabytes=format_decimal(round(max_bytes / 1024 / 1024, 1)),
        )
        reference = catalogue.course(catalogue.languages[0])
        names = [COURSE_FILE, *(m.file_name for m in reference.modules)]
        own_name = SelectChoice("", _("Its own name (uploaded files)"))
        self.target.choices = [own_name, *(SelectChoice(name, name) for name in names)]
