"""The base of every form: Flask-WTF's, with text fields that only ever read text."""

from flask import request
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import CombinedMultiDict, MultiDict


class Form(FlaskForm):
    """A FlaskForm in which a file sent under a text field's name is no value for it.

    Flask-WTF hands a form the uploaded files and the text fields together, so a file
    part named "email" reached the e-mail field as a FileStorage, and the validators
    that expect a string raised (a 500). Here files go to file fields only.
    """

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            data = super().wrap_formdata(form, formdata)
            if not isinstance(data, CombinedMultiDict):
                return data
            uploads = {name for name, field in form._fields.items() if isinstance(field, FileField)}
            return MultiDict(
                [
                    *request.form.items(multi=True),
                    *((k, v) for k, v in request.files.items(multi=True) if k in uploads),
                ]
            )
