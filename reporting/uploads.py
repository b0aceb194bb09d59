"""Recognises an uploaded file by its content against an allow-list. A renamed
executable, a polyglot or a zip bomb dressed as DOCX is refused."""

import zipfile

from django.utils.translation import gettext as _

from eccar.errors import ServiceError

MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
MAX_COMPRESSION_RATIO = 100

ALLOWED_TEXT = _(
    "Allowed are PDF, Word (DOCX), OpenDocument text (ODT), Excel (XLSX), PNG and JPEG."
)

OFFICE_MARKERS = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xl/workbook.xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _refuse():
    return ServiceError(
        _("This file type is not accepted.") + " " + str(ALLOWED_TEXT), field="file", code="type"
    )


def sniff_upload(uploaded_file) -> tuple[str, str]:
    """(content type, extension) of an accepted file, or ServiceError."""
    uploaded_file.seek(0)
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    if head.startswith(b"%PDF-"):
        return _check_pdf(uploaded_file)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if head.startswith(b"PK\x03\x04"):
        return _check_zip(uploaded_file)
    raise _refuse()


def _check_pdf(uploaded_file):
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    if b"%%EOF" not in data[-2048:]:
        raise ServiceError(_("This PDF file is damaged or incomplete."), field="file", code="type")
    return "application/pdf", "pdf"


def _check_zip(uploaded_file):
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise _refuse()
            total = sum(e.file_size for e in entries)
            compressed = sum(e.compress_size for e in entries) or 1
            if total > MAX_UNZIPPED_BYTES or total / compressed > MAX_COMPRESSION_RATIO:
                raise ServiceError(
                    _("This file unpacks to an unreasonable size and is refused."),
                    field="file",
                    code="bomb",
                )
            names = {e.filename for e in entries}
            if any(name.startswith("/") or ".." in name.split("/") for name in names):
                raise _refuse()
            for marker, result in OFFICE_MARKERS.items():
                if marker in names and "[Content_Types].xml" in names:
                    return result
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "application/vnd.oasis.opendocument.text", "odt"
    except zipfile.BadZipFile:
        raise _refuse() from None
    finally:
        uploaded_file.seek(0)
    raise _refuse()
