"""Files the app hands to one person: exports, certificates, personal data."""

from flask import Response
from werkzeug.utils import secure_filename


def private_download(data: bytes, mimetype: str, filename: str) -> Response:
    """A file to save, never shown in the page nor kept by any cache; its name made
    safe for every browser and file system (ASCII letters, digits, '.', '-', '_')."""
    safe_name = secure_filename(filename) or "download"
    return Response(
        data,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{safe_name}"',
            "Cache-Control": "private, no-store",
        },
    )
