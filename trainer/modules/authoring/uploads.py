"""Reading what a trainer sends to be checked: one file, pasted text, or a zipped folder.

Everything is read into memory and checked before anything touches a disk: the file
must be UTF-8 text, and a zip must hold only the .md files of one language folder,
within limits on their number and unpacked size, so that a zip bomb is refused
after reading at most MAX_UNPACKED_BYTES.
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

COURSE_FILE = "course.md"
MODULE_FILE = re.compile(r"\d\d-[a-z0-9]+(?:-[a-z0-9]+)*\.md")
MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_MEMBERS = 100
MAX_UNPACKED_BYTES = 8 * 1024 * 1024
_READABLE_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_ZIP_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError)


class UploadError(ValueError):
    """What is wrong with the upload, and which form field it concerns."""

    def __init__(self, message: str, field: str = "upload") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Upload:
    """Files to check in `language`: by name, as text. `is_folder`: they replace the
    whole language folder (a zip); otherwise each replaces its published counterpart."""

    language: str
    files: dict[str, str]
    is_folder: bool


def is_file_name(name: str) -> bool:
    return name == COURSE_FILE or bool(MODULE_FILE.fullmatch(name))


def read_upload(language: str, target: str, file: FileStorage | None, pasted: str) -> Upload:
    """The upload described by the form; UploadError if it cannot be checked."""
    filename = file.filename if file is not None else None
    if filename and pasted.strip():
        raise UploadError(_("Upload a file or paste text, not both."), "text")
    if file is not None and filename:
        return _read_file(language, target, filename, file.read())
    if pasted.strip():
        if not target:
            raise UploadError(_("Choose which file the pasted text is."), "target")
        return Upload(language, {target: pasted.replace("\r\n", "\n")}, is_folder=False)
    raise UploadError(_("Choose a file to upload, or paste the text of a module file."))


def _read_file(language: str, target: str, filename: str, data: bytes) -> Upload:
    name = PurePosixPath(filename.replace("\\", "/")).name
    if name.lower().endswith(".zip"):
        return Upload(language, _read_zip(data), is_folder=True)
    if not name.lower().endswith(MARKDOWN_SUFFIXES):
        raise UploadError(
            _(
                "%(name)s is not a Markdown file. Upload a module file (.md) "
                "or a zip of a language folder (.zip).",
                name=name,
            )
        )
    name = target or name
    if not is_file_name(name):
        raise UploadError(
            _(
                "%(name)s is not named like a course file. Choose which file it is, "
                "or name it NN-module-id.md (like 01-recognising.md) or course.md.",
                name=name,
            ),
            "target",
        )
    return Upload(language, {name: _text(name, data)}, is_folder=False)


def _text(name: str, data: bytes) -> str:
    """The file's text, if it is UTF-8 text."""
    if b"\x00" in data:
        raise UploadError(
            _(
                "%(name)s is not a text file. Upload the module's Markdown file, "
                "saved as plain text (.md).",
                name=name,
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadError(
            _(
                "%(name)s is not UTF-8 text. Save it as UTF-8 (in most editors: "
                "Save as, then Encoding: UTF-8) and upload it again.",
                name=name,
            )
        ) from None


def _read_zip(data: bytes) -> dict[str, str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_BROKEN:
        raise UploadError(_("The zip file cannot be opened: it is damaged or not a zip.")) from None
    with archive:
        members = _members(archive)
        try:
            raw = _unpack(archive, members)
        except _ZIP_BROKEN:
            raise UploadError(_("The zip file cannot be opened: it is damaged.")) from None
    return {name: _text(name, content) for name, content in raw.items()}


def _members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The .md files of the zipped language folder, by file name."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UploadError(_("The zip holds more than %(count)d files.", count=MAX_MEMBERS))
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise UploadError(_("The zip's files are too large together once unpacked."))
    files = [(_safe_parts(info.filename), info) for info in infos]
    files = [(p, info) for p, info in files if not info.is_dir() and not _is_clutter(p)]
    if len({parts[0] for parts, _info in files}) == 1 and all(len(p) > 1 for p, _i in files):
        files = [(parts[1:], info) for parts, info in files]  # the zipped folder itself
    for parts, info in files:
        _check_member(parts, info)
    if not files:
        raise UploadError(_("The zip holds no .md files."))
    return {parts[0]: info for parts, info in files}


def _safe_parts(name: str) -> tuple[str, ...]:
    parts = PurePosixPath(name).parts
    unsafe = name.startswith("/") or "\\" in name or ":" in name or "\x00" in name
    if unsafe or ".." in parts or not parts:
        raise UploadError(_("The zip holds a file outside its folder: %(name)s", name=name))
    return parts


def _is_clutter(parts: tuple[str, ...]) -> bool:
    """Files that operating systems add to zips: __MACOSX/, .DS_Store and the like."""
    return parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts)


def _check_member(parts: tuple[str, ...], info: zipfile.ZipInfo) -> None:
    if len(parts) > 1 or not parts[0].endswith(".md"):
        raise UploadError(
            _(
                "The zip must hold only the .md files of one language folder; %(name)s is not one.",
                name=info.filename,
            )
        )
    if info.flag_bits & 0x1 or info.compress_type not in _READABLE_COMPRESSION:
        raise UploadError(
            _(
                "%(name)s in the zip is encrypted or compressed in an unusual way.",
                name=info.filename,
            )
        )


def _unpack(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> dict[str, bytes]:
    """Each member's bytes, stopping as soon as the total passes the limit."""
    budget = MAX_UNPACKED_BYTES
    unpacked = {}
    for name, info in members.items():
        with archive.open(info) as member:
            content = member.read(budget + 1)
        if len(content) > budget:
            raise UploadError(_("The zip's files are too large together once unpacked."))
        budget -= len(content)
        unpacked[name] = content
    return unpacked
