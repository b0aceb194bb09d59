"""Uploads that tests/reporting/test_submission.py leaves out: spreadsheet bombs, archives
that would write outside a folder, and a file whose name lies about its content."""

import io
import zipfile

import pytest

from reporting.models import Attachment
from tests.reporting.test_submission import PDF, upload


def _zip(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_attachment_xlsx_compression_bomb_is_refused(login, primary, report):
    # Small in total, but compressed a thousand times: the ratio alone refuses it.
    content = _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "0" * 5_000_000})

    response = upload(login(primary), report, "figures.xlsx", content)

    assert "unreasonable size" in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("entry", ["../../evil.xml", "/etc/cron.d/evil", "word/../../../evil.xml"])
def test_attachment_archive_with_escaping_entry_is_refused(login, primary, report, entry):
    content = _zip(
        {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>", entry: "x"}
    )

    response = upload(login(primary), report, "report.docx", content)

    assert "not accepted" in response.content.decode()
    assert not Attachment.objects.exists()


def test_attachment_archive_with_thousands_of_entries_is_refused(login, primary, report):
    entries = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
    entries.update({f"word/media/{n}.xml": "" for n in range(2_001)})

    response = upload(login(primary), report, "report.docx", _zip(entries))

    assert not Attachment.objects.exists()
    assert response.status_code == 200


def test_attachment_named_docx_but_pdf_is_stored_as_pdf(login, primary, report, tmp_path):
    upload(login(primary), report, "..\\..\\minutes.docx", PDF)

    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name.endswith(".pdf")
    assert "/" not in attachment.original_name and "\\" not in attachment.original_name
    media = (tmp_path / "media").resolve()
    assert (media / attachment.file.name).resolve().is_relative_to(media)
