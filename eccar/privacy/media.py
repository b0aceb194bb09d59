"""The person in the media storage (GDPR Art. 17). Uploaded PDFs (attachments, acts of
accession) carry document metadata the sender's word processor wrote: author, title,
subject, keywords, an XMP packet. Anonymisation rewrites those naming the person and
writes the file back under its name, so the file fields keep pointing at it. Other
files (images, spreadsheets, archives) are left as stored."""

import html
import io
import logging
import posixpath
import re

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import models

logger = logging.getLogger("eccar.privacy")

# A PDF's header may follow up to 1024 bytes of anything (ISO 32000-1, annex H.3).
PDF_HEADER = b"%PDF-"
PDF_HEADER_WITHIN = 1024


class PdfLeftAsStored(Exception):
    """A PDF whose metadata cannot be read or rewritten (encrypted, damaged)."""


def _storage_names(storage: Storage, directory: str = ""):
    directories, files = storage.listdir(directory)
    for name in files:
        yield posixpath.join(directory, name)
    for name in directories:
        yield from _storage_names(storage, posixpath.join(directory, name))


def _xmp_text(data: bytes) -> str:
    """An XMP packet as text, character references resolved, so a name written as
    `&#x51;uibbleworth` is found too."""
    encoding = "utf-16" if data[:2] in (b"\xfe\xff", b"\xff\xfe") else "utf-8"
    return html.unescape(data.decode(encoding, "replace"))


def pdf_metadata_scrubbed(data: bytes, *, pattern: re.Pattern, placeholder: str) -> bytes | None:
    """`data` rewritten without the matches of `pattern` in its document information
    (each replaced by `placeholder`) and without an XMP packet that matches; None when
    nothing in its metadata matches. Earlier revisions of an incrementally saved file
    are not carried over, so the old values do not survive inside it. Raises
    PdfLeftAsStored for an encrypted or unreadable file."""
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415 - heavy (~150 ms), anonymisation only
    from pypdf.errors import PdfReadError  # noqa: PLC0415 - with the line above
    from pypdf.generic import NameObject  # noqa: PLC0415 - with the line above

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise PdfLeftAsStored("encrypted")
        info = {}
        info_changed = False
        for key, value in (reader.metadata or {}).items():
            text = str(value.get_object() if hasattr(value, "get_object") else value)
            new = pattern.sub(placeholder, text)
            info_changed |= new != text
            info[key] = new
        root = reader.trailer["/Root"].get_object()
        xmp = root.get("/Metadata")
        xmp_names = xmp is not None and bool(pattern.search(_xmp_text(xmp.get_object().get_data())))
        if not (info_changed or xmp_names):
            return None
        if xmp_names:
            # Dropped before cloning, so the packet is not copied as an unreferenced object.
            del root[NameObject("/Metadata")]
        writer = PdfWriter(clone_from=reader)
        writer.metadata = info or None
        out = io.BytesIO()
        writer.write(out)
    except PdfReadError as error:
        raise PdfLeftAsStored(str(error)) from error
    return out.getvalue()


def _file_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field


def _write_back(storage: Storage, name: str, data: bytes) -> None:
    storage.delete(name)
    saved = storage.save(name, ContentFile(data))
    if saved != name:
        # Another file took the name in between: the rows follow the file.
        for model, field in _file_fields():
            model._default_manager.filter(**{field.attname: name}).update(**{field.attname: saved})
        logger.warning("anonymised PDF stored as %s instead of %s", saved, name)


def media_metadata_scrub(*, needles: list[str], placeholder: str) -> int:
    """Rewrites the document metadata of every PDF in the default storage that names
    one of the needles (case-insensitive): matching values become `placeholder`, a
    matching XMP packet is dropped. Returns the number of files rewritten. A file that
    cannot be read or written is logged and skipped (its name only: stored names are
    random). Reads every stored PDF, so it runs after the erasure is committed."""
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    rewritten = 0
    for name in _storage_names(default_storage):
        try:
            with default_storage.open(name, "rb") as handle:
                if PDF_HEADER not in handle.read(PDF_HEADER_WITHIN):
                    continue
                handle.seek(0)
                data = handle.read()
            new = pdf_metadata_scrubbed(data, pattern=pattern, placeholder=placeholder)
            if new is not None:
                _write_back(default_storage, name, new)
                rewritten += 1
        except PdfLeftAsStored as error:
            logger.warning("PDF metadata of %s left as stored: %s", name, error)
        except Exception:
            # pypdf raises more than its own errors on a damaged file; one bad file must
            # not keep the others naming the person.
            logger.exception("PDF metadata of %s not anonymised", name)
    logger.info("anonymisation rewrote the metadata of %d PDF files", rewritten)
    return rewritten
