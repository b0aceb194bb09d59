"""Erasure by anonymisation (GDPR Art. 17): the person's name and email address appear
nowhere afterwards (every text column of every table, the media files, the search
index), histories and reviews keep an "anonymised person #n", reports stay."""

import datetime
import io
import json
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.xmp import XmpInformation

from eccar.errors import ServiceError
from eccar.models import Anonymisation, ErasureRequest, Notification, PrivacyEvent, SecurityEvent
from eccar.privacy.enums import ErasureRequestStatus, PrivacyEventKind, SecurityEventKind
from eccar.privacy.media import pdf_metadata_scrubbed
from eccar.privacy.services import city_contacts_clear, erasure_request, person_anonymise
from reporting.enums import AccountRole, ApplicationStatus
from reporting.library.models import LibraryEntryText
from reporting.models import (
    AccessRequest,
    Answer,
    Attachment,
    CityAccount,
    Invitation,
    MachineTranslation,
    MembershipApplication,
    Report,
    ReportSnapshot,
    ReportStateChange,
)
from reviews.models import Review
from tests.factories import CityAccountFactory
from tests.library.conftest import write_report
from tests.world import MINIMAL_PDF

NAME = "Zelda Quibbleworth"
EMAIL = "zelda.quibbleworth@graz.example"
NEEDLES = ("quibbleworth",)


@pytest.fixture
def zelda(city):
    person = CityAccountFactory(
        city=city, role=AccountRole.SECONDARY, user__email=EMAIL, user__full_name=NAME
    ).user
    EmailAddress.objects.create(user=person, email=EMAIL, verified=True, primary=True)
    return person


def _pdf_by_her() -> bytes:
    """A one-page PDF as her word processor would save it: her name as the author, her
    address in the subject, her name in the XMP packet."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": NAME, "/Subject": f"Questions to {EMAIL}", "/Title": "Notes"})
    xmp = XmpInformation.create()
    xmp.dc_creator = [NAME]
    writer.xmp_metadata = xmp
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def everywhere(zelda, city, cycle_2025, reviewer):
    """Zelda in every place the platform keeps a person: her account, the contact
    answers of a published report (frozen revision and search index included), a
    history reason, a colleague's review, a stored translation, her requests, her
    logins, an attachment's name and its PDF's metadata."""
    report = write_report(
        city,
        cycle_2025,
        overview={
            "profile_contact_name": NAME,
            "profile_contact_email": EMAIL,
            "strategy_mandate_details": f"Coordinated by {NAME} since 2019.",
        },
        publish_contacts=True,
    )
    Answer.objects.filter(report=report).update(updated_by=zelda)
    ReportStateChange.objects.filter(report=report).update(
        changed_by=zelda, reason=f"Asked for by {NAME}"
    )
    Review.objects.create(
        report=report,
        reviewer=reviewer,
        general_conclusion=f"Thanks to {NAME} ({EMAIL}) for the clear report.",
        commitment_feedback={"1": f"{NAME} leads the network."},
    )
    MachineTranslation.objects.create(
        source_hash="0" * 64,
        source_language="de",
        target_language="en",
        engine="deepl",
        text=f"Coordinated by {NAME} since 2019.",
    )
    Notification.objects.create(user=zelda, kind="report_evaluated", params={}, url="/n/")
    Invitation.objects.create(
        user=zelda, nonce="n" * 40, expires_at=timezone.now() + datetime.timedelta(days=3)
    )
    AccessRequest.objects.create(
        full_name=NAME, email=EMAIL, city_name="Graz", country="AT", message=f"I am {NAME}."
    )
    MembershipApplication.objects.create(
        city_name="Graz-Umgebung",
        country="AT",
        population=20_000,
        contact_name=NAME,
        contact_email=EMAIL,
        mayor_name="Someone Else",
        mayor_email="mayor@umgebung.example",
        motivation=f"Our contact is {NAME}.",
        accession_document=ContentFile(MINIMAL_PDF, name="act.pdf"),
    )
    SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN, user=zelda, ip="192.0.2.7")
    ErasureRequest.objects.create(user=zelda, message=f"Please erase {NAME}.")
    pdf = _pdf_by_her()
    Attachment.objects.create(
        report=report,
        file=ContentFile(pdf, name="upload.pdf"),
        original_name=f"Notes by {NAME}.pdf",
        content_type="application/pdf",
        size=len(pdf),
        uploaded_by=zelda,
    )
    LogEntry.objects.create(
        user=reviewer,
        content_type=ContentType.objects.get_for_model(zelda),
        object_id=str(zelda.pk),
        object_repr=NAME,
        action_flag=CHANGE,
        change_message="[]",
    )
    assert _cells_naming_her(), "the arrangement must put her name in the database"
    return report


def _cells_naming_her() -> list[str]:
    """Every cell of every table (raw SQL, all columns) naming her, JSON escapes too."""
    needles = {*NEEDLES, EMAIL.lower()}
    needles |= {json.dumps(n)[1:-1] for n in needles}
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for cell in row:
                    text = (
                        cell.decode("utf-8", "replace")
                        if isinstance(cell, bytes | memoryview)
                        else str(cell)
                    ).lower()
                    if any(n in text for n in needles):
                        found.append(f"{table}: {text[:120]}")
    return found


def _media_naming_her() -> list[str]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    found = []
    for path in root.rglob("*") if root.exists() else []:
        if not path.is_file():
            continue
        if "quibbleworth" in str(path).lower():
            found.append(str(path))
        if path.read_bytes().startswith(b"%PDF"):
            try:
                reader = PdfReader(path)
                metadata = reader.metadata or {}
                xmp = reader.xmp_metadata
            except PdfReadError:  # a minimal PDF may have no trailer
                metadata, xmp = {}, None
            if "quibbleworth" in " ".join(map(str, metadata.values())).lower():
                found.append(f"{path} metadata")
            if xmp is not None and "quibbleworth" in xmp.stream.get_data().decode().lower():
                found.append(f"{path} XMP metadata")
    return found


def test_after_anonymisation_her_name_and_email_appear_nowhere(
    everywhere, zelda, staff, commit_callbacks
):
    assert _media_naming_her(), "the arrangement must put her name in a PDF's metadata"

    with commit_callbacks(execute=True):
        person_anonymise(person=zelda, by=staff)

    assert _cells_naming_her() == []
    assert _media_naming_her() == []
    haystacks = " ".join(LibraryEntryText.objects.values_list("haystack", flat=True))
    assert "quibbleworth" not in haystacks


def test_the_pdfs_naming_her_keep_their_name_and_page_with_the_placeholder(
    zelda, staff, city, cycle_2025, commit_callbacks
):
    report = write_report(city, cycle_2025, overview={})
    attachment = Attachment.objects.create(
        report=report,
        file=ContentFile(_pdf_by_her(), name="notes.pdf"),
        original_name="notes.pdf",
        content_type="application/pdf",
        size=1,
        uploaded_by=zelda,
    )
    name = attachment.file.name

    with commit_callbacks(execute=True):
        anonymisation = person_anonymise(person=zelda, by=staff)

    attachment.refresh_from_db()
    placeholder = f"anonymised person #{anonymisation.pk}"
    with default_storage.open(name, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    assert (attachment.file.name, len(reader.pages), reader.xmp_metadata) == (name, 1, None)
    assert {key: reader.metadata[key] for key in ("/Author", "/Subject", "/Title")} == {
        "/Author": placeholder,
        "/Subject": f"Questions to {placeholder}",
        "/Title": "Notes",
    }
    assert _media_naming_her() == []


def test_an_incrementally_saved_pdf_keeps_no_earlier_revision_naming_her():
    first = _pdf_by_her()
    writer = PdfWriter(io.BytesIO(first), incremental=True)
    writer.add_metadata({"/Keywords": f"{NAME}, equality"})
    second = io.BytesIO()
    writer.write(second)
    assert second.getvalue().count(b"Quibbleworth") > 1, "the arrangement keeps two revisions"

    pattern = re.compile(f"{re.escape(NAME)}|{re.escape(EMAIL)}", re.IGNORECASE)

    new = pdf_metadata_scrubbed(second.getvalue(), pattern=pattern, placeholder="#1")

    assert b"quibbleworth" not in new.lower()
    assert PdfReader(io.BytesIO(new)).metadata["/Keywords"] == "#1, equality"


def test_files_other_than_pdfs_are_left_as_stored(zelda, staff, commit_callbacks):
    content = f"Minutes taken by {NAME}".encode()
    name = default_storage.save("attachments/minutes.txt", ContentFile(content))

    with commit_callbacks(execute=True):
        person_anonymise(person=zelda, by=staff)

    with default_storage.open(name, "rb") as handle:
        assert handle.read() == content


def test_histories_and_reviews_keep_the_placeholder_and_reports_stay(everywhere, zelda, staff):
    answers_before = Answer.objects.count()

    anonymisation = person_anonymise(person=zelda, by=staff)

    zelda.refresh_from_db()
    placeholder = f"anonymised person #{anonymisation.pk}"
    change = ReportStateChange.objects.filter(report=everywhere).first()
    review = Review.objects.get(report=everywhere)
    assert (str(zelda), str(change.changed_by), change.reason) == (
        placeholder,
        placeholder,
        f"Asked for by {placeholder}",
    )
    assert review.general_conclusion == (
        f"Thanks to {placeholder} ({placeholder}) for the clear report."
    )
    assert (Report.objects.filter(pk=everywhere.pk).exists(), Answer.objects.count()) == (
        True,
        answers_before,
    )
    assert ReportSnapshot.objects.get(report=everywhere).data["overview"][
        "profile_contact_name"
    ] == (placeholder)


def test_the_anonymised_person_can_no_longer_log_in(client, everywhere, zelda, staff, password):
    person_anonymise(person=zelda, by=staff)

    assert client.login(email=EMAIL, password=password) is False
    zelda.refresh_from_db()
    assert (
        zelda.is_active,
        zelda.has_usable_password(),
        CityAccount.objects.filter(user=zelda, is_active=True).exists(),
        Invitation.objects.filter(user=zelda).exists(),
        Notification.objects.filter(user=zelda).exists(),
    ) == (False, False, False, False, False)


def test_anonymisation_is_logged_and_happens_once(zelda, staff):
    person_anonymise(person=zelda, by=staff)

    with pytest.raises(ServiceError, match="already anonymised"):
        person_anonymise(person=zelda, by=staff)
    assert list(PrivacyEvent.objects.values_list("kind", "subject", "by")) == [
        (PrivacyEventKind.ANONYMISED, zelda.pk, staff.pk)
    ]


def test_staff_cannot_anonymise_themselves(staff):
    with pytest.raises(ServiceError):
        person_anonymise(person=staff, by=staff)
    assert not Anonymisation.objects.exists()


def test_staff_anonymise_through_a_confirmation_page(login, staff, zelda):
    client = login(staff)
    url = reverse("privacy:person_anonymise", args=[zelda.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, {"reason": "Left the city's service"})

    assert response.status_code == 302
    assert Anonymisation.objects.filter(user=zelda).exists()


def test_only_staff_anonymise(login, primary, zelda):
    response = login(primary).post(reverse("privacy:person_anonymise", args=[zelda.pk]))
    assert (response.status_code, Anonymisation.objects.exists()) == (403, False)


def test_a_person_asks_from_their_account_page_and_staff_confirm(client, login, zelda, staff):
    login(zelda).post(reverse("privacy:erasure_request"), {"message": "Please."})
    again = client.post(reverse("privacy:erasure_request"), follow=True)
    erasure = ErasureRequest.objects.get(user=zelda)
    assert "already waiting" in again.content.decode()

    client.force_login(staff)
    client.post(reverse("privacy:erasure_decide", args=[erasure.pk]), {"decision": "confirm"})

    erasure.refresh_from_db()
    assert (erasure.status, Anonymisation.objects.filter(user=zelda).exists()) == (
        ErasureRequestStatus.CONFIRMED,
        True,
    )


def test_declining_a_request_needs_a_reason_and_keeps_the_person(login, zelda, staff):
    erasure = erasure_request(person=zelda)
    client = login(staff)
    url = reverse("privacy:erasure_decide", args=[erasure.pk])

    client.post(url, {"decision": "decline", "note": ""})
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequestStatus.PENDING

    client.post(url, {"decision": "decline", "note": "Legal hold on the 2025 audit"})
    erasure.refresh_from_db()
    assert (erasure.status, Anonymisation.objects.exists()) == (
        ErasureRequestStatus.DECLINED,
        False,
    )


def test_the_primary_account_clears_the_contacts_and_the_mayor(login, primary, city, cycle_2025):
    report = write_report(
        city,
        cycle_2025,
        overview={"profile_contact_name": NAME, "profile_languages": "de"},
        publish_contacts=True,
    )
    client = login(primary)
    url = reverse("privacy:contacts_clear", args=[city.slug])
    assert client.get(url).status_code == 200

    client.post(url)

    city.refresh_from_db()
    snapshot = ReportSnapshot.objects.get(report=report)
    assert (city.mayor_name, city.mayor_email) == ("", "")
    assert list(Answer.objects.filter(report=report).values_list("value", flat=True)) == ["de"]
    assert "profile_contact_name" not in snapshot.data["overview"]
    assert "quibbleworth" not in " ".join(
        LibraryEntryText.objects.values_list("haystack", flat=True)
    )
    assert PrivacyEvent.objects.get().kind == PrivacyEventKind.CONTACTS_CLEARED


@pytest.mark.parametrize("who", ["other_primary", "secondary"])
def test_another_citys_account_or_a_secondary_cannot_clear_the_contacts(request, login, city, who):
    response = login(request.getfixturevalue(who)).post(
        reverse("privacy:contacts_clear", args=[city.slug])
    )
    city.refresh_from_db()
    assert (response.status_code, city.mayor_name) == (404, "Anna Beispiel")


def test_staff_clear_a_citys_contacts_with_the_service(city, staff):
    assert city_contacts_clear(city=city, by=staff) == 0
    city.refresh_from_db()
    assert city.mayor_email == ""


def test_a_person_with_an_application_is_found_by_email(zelda, staff):
    MembershipApplication.objects.create(
        city_name="X",
        country="AT",
        population=1,
        contact_name=NAME,
        contact_email=EMAIL.upper(),
        mayor_name="M",
        mayor_email="m@x.example",
        motivation="-",
        status=ApplicationStatus.PENDING,
        accession_document=ContentFile(MINIMAL_PDF, name="act.pdf"),
    )
    person_anonymise(person=zelda, by=staff)
    assert not MembershipApplication.objects.filter(contact_name=NAME).exists()


def test_unknown_people_are_a_404(login, staff):
    assert login(staff).get(reverse("privacy:person", args=[999_999])).status_code == 404


def test_the_office_is_emailed_when_a_person_asks(zelda, mailoutbox, commit_callbacks, settings):
    with commit_callbacks(execute=True):
        erasure_request(person=zelda, message="Please erase me.")

    assert [m.to for m in mailoutbox] == [[settings.COALITION_CONTACT_EMAIL]]
    assert "/office/personal-data/" in mailoutbox[0].body
    assert "Please erase me." in mailoutbox[0].body
