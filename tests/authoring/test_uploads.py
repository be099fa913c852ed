"""Reading uploads without the web: the zip limits hold whatever the zip claims."""

import io
import zipfile

import pytest

from trainer.modules.authoring import uploads


def test_unpacking_stops_at_the_limit_whatever_the_headers_say(monkeypatch):
    """A zip whose headers understate the sizes is still read no further than the limit."""
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("course.md", "a" * 600)
        archive.writestr("01-x.md", "b" * 600)
    with zipfile.ZipFile(buffer) as archive:
        members = {info.filename: info for info in archive.infolist()}
        with pytest.raises(uploads.UploadError, match="too large"):
            uploads._unpack(archive, members)
