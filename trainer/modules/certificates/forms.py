"""Forms of the certificates module."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from trainer.core.forms import Form
from trainer.core.inputs import PlainText
from trainer.modules.certificates.credential_check import MAX_CREDENTIAL_BYTES

MAX_REASON_LENGTH = 500


class RevokeForm(Form):
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(), Length(max=MAX_REASON_LENGTH), PlainText(multiline=True)],
        description=_l("Recorded in the audit log. The public verification page does not show it."),
    )


class CredentialForm(Form):
    """A credential to check: its file, or its text pasted."""

    credential_file = FileField(
        _l("Credential file"),
        description=_l("The .json file downloaded with the certificate."),
    )
    credential_text = TextAreaField(
        _l("Or paste the credential's text"),
        validators=[Length(max=MAX_CREDENTIAL_BYTES)],
    )

    def credential(self) -> str | None:
        """The text to check: the file's if one was chosen, else what was pasted."""
        upload = self.credential_file.data
        if upload and getattr(upload, "filename", ""):
            data = upload.read(MAX_CREDENTIAL_BYTES + 1)
            return data.decode("utf-8", "replace")
        text = (self.credential_text.data or "").strip()
        return text or None


class ReissueForm(Form):
    """Re-issue a certificate in the holder's current name (nothing to fill in)."""
