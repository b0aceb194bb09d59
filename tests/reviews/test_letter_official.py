"""The feedback letter as a mayor's office expects an official letter: salutation in one
language, a signatory kept with the closing, a letterhead with the office's address, a
reference number, the date it was sent, a tagged PDF, a covering email that explains it,
and a confirmation page before anything is mailed.

The PDF is read back as text, page by page, and its pages are rendered to PNG under
artifacts/letters/ (poppler's pdftoppm, installed by `make system-deps-test`) so that a
person can look at the layout."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext
from pypdf import PdfReader

from eccar.errors import ServiceError
from reporting.enums import ReportState
from reviews import services
from reviews.enums import LetterState
from reviews.models import Letter
from tests.factories import CityFactory, ReportFactory
from tests.reviews.test_services import _ready_letter

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "letters"

# A PNG of 1 x 1 pixel, enough to check that the logo is placed on the letterhead.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a3d2c0f40000000049454e44ae426082"
)


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _save_pngs(data: bytes, name: str) -> list[Path]:
    """Writes the PDF and its pages as PNG artefacts; returns the PNG paths."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: run `make system-deps-test` (poppler-utils)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(data)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-png", "-r", "60", str(pdf), str(ARTIFACTS / name)], check=True)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


@pytest.fixture
def nantes(assigned):
    """The report under review, of a French city whose mayor's title is French."""
    city = assigned.city
    city.name, city.slug, city.country, city.languages = "Nantes", "nantes", "FR", ["fr"]
    city.mayor_title, city.mayor_name = "Maire", "Sophie Lemaire"
    city.address = "2 rue de l'Hôtel de Ville\n44000 Nantes"
    city.save()
    return assigned


@pytest.fixture
def office(settings):
    settings.COALITION_STREET = "Marktplatz 10"
    settings.COALITION_POSTCODE = "69117"
    settings.COALITION_CITY = "Heidelberg"
    settings.COALITION_COUNTRY = "Germany"
    settings.COALITION_CONTACT_EMAIL = "reporting@eccar.example"
    settings.COALITION_CONTACT_PHONE = "+49 6221 000000"
    return settings


def _sent(report, reviewer, staff) -> Letter:
    letter = _ready_letter(report, reviewer, staff)
    assert services.letter_send(letter=letter)
    letter.refresh_from_db()
    return letter


def _other_report(report, reviewer, staff, *, slug: str, name: str):
    """A second submitted report of the same cycle, assigned to the same reviewer."""
    other = ReportFactory(
        city=CityFactory(slug=slug, name=name),
        cycle=report.cycle,
        questionnaire=report.questionnaire,
        state=ReportState.SUBMITTED,
    )
    services.reviewer_assign(report=other, reviewer=reviewer, by=staff)
    return other


def _salutation(page: str) -> str:
    return next(line for line in page.splitlines() if line.startswith("Dear"))


def test_letter_salutation_is_in_the_letters_language_only(nantes, reviewer, staff):
    letter = _ready_letter(nantes, reviewer, staff)

    first_page = _pages(services.letter_render(letter=letter))[0]

    assert _salutation(first_page) == "Dear Mayor Sophie Lemaire,"
    assert "Dear Maire" not in first_page


def test_translated_letter_greets_in_the_translations_language(
    fake_deepl, nantes, reviewer, staff, commit_callbacks
):
    letter = _ready_letter(nantes, reviewer, staff)
    with commit_callbacks(execute=True):
        services.letter_translation_request(letter=letter, language="fr", by=staff)
    letter.refresh_from_db()

    first_page = _pages(services.letter_render(letter=letter, language="fr"))[0]

    with translation.override("fr"):
        expected = pgettext("letter salutation", "Dear Mayor %(name)s,") % {
            "name": "Sophie Lemaire"
        }
    assert expected in first_page
    assert "Dear Maire" not in first_page


def test_letter_without_a_mayors_name_greets_the_mayor(nantes, reviewer, staff):
    nantes.city.mayor_name = ""
    nantes.city.save()
    letter = _ready_letter(nantes, reviewer, staff)

    first_page = _pages(services.letter_render(letter=letter))[0]

    assert _salutation(first_page) == "Dear Mayor,"


# Lengths of the feedback that move the closing to the foot of a page: with any of them
# the closing and the signatory used to be split over two pages.
FILLER_PARAGRAPHS = range(4, 9)


@pytest.mark.parametrize("paragraphs", FILLER_PARAGRAPHS)
def test_signatory_stays_on_the_page_of_the_closing(nantes, reviewer, staff, paragraphs):
    letter = _ready_letter(nantes, reviewer, staff)
    letter.individual_feedback = "\n\n".join(
        f"Paragraph {n}: the city's equality data would show what the measures achieve, "
        "and a yearly public hearing would let residents say what they need."
        for n in range(paragraphs * 3)
    )
    letter.save()

    pages = _pages(services.letter_render(letter=letter))

    [closing_page] = [page for page in pages if "Yours sincerely," in page]
    assert "Prof. Dr. Anna Rossi" in closing_page
    assert "Chair of the Scientific Advisory Board" in closing_page


def test_sending_refuses_without_a_chairs_name(
    nantes, reviewer, staff, settings, mailoutbox, commit_callbacks
):
    settings.BOARD_CHAIR_NAME = "  "
    letter = _ready_letter(nantes, reviewer, staff)

    with pytest.raises(ServiceError, match="BOARD_CHAIR_NAME"):
        services.letters_send(cycle=nantes.cycle)
    with pytest.raises(ServiceError, match="no signatory"):
        services.letter_send(letter=letter)

    letter.refresh_from_db()
    assert letter.state == LetterState.READY
    assert "BOARD_CHAIR_NAME" in letter.error
    assert mailoutbox == []


def test_a_sent_letter_keeps_the_chair_who_signed_it(
    login, nantes, reviewer, staff, primary, settings
):
    letter = _sent(nantes, reviewer, staff)
    settings.BOARD_CHAIR_NAME = "Dr. Next Chair"

    page = login(primary).get(
        reverse("reviews:feedback", args=[nantes.city.slug, nantes.cycle.year])
    )

    assert letter.signed_by == "Prof. Dr. Anna Rossi"
    assert f"<dd>{letter.reference}</dd>" in page.content.decode()
    assert "Prof. Dr. Anna Rossi" in page.content.decode()
    assert "Dr. Next Chair" not in page.content.decode()


def test_outbox_says_why_nothing_can_be_sent_without_a_chair(
    login, nantes, reviewer, staff, settings
):
    settings.BOARD_CHAIR_NAME = ""
    _ready_letter(nantes, reviewer, staff)
    url = reverse("reviews:outbox", args=[nantes.cycle.year])

    page = login(staff).get(url + "?confirm=all").content.decode()

    assert "BOARD_CHAIR_NAME" in page
    assert 'name="confirmed"' not in page


def test_letterhead_has_the_offices_address_contact_and_reference(
    office, nantes, reviewer, staff, primary
):
    letter = _sent(nantes, reviewer, staff)

    first_page = _pages(letter.pdf.read())[0]

    year = nantes.cycle.year
    assert letter.reference == f"ECCAR/{year}/{nantes.city.slug.upper()}/001"
    assert f"Reference: {letter.reference}" in first_page
    assert "Marktplatz 10 · 69117 Heidelberg · Germany" in first_page
    assert "Contact: reporting@eccar.example · Phone: +49 6221 000000" in first_page
    assert "2 rue de l'Hôtel de Ville" in first_page


def test_references_count_the_cycles_letters_in_sending_order(nantes, reviewer, staff, primary):
    first = _sent(nantes, reviewer, staff)
    other = _other_report(nantes, reviewer, staff, slug="liege", name="Liège")
    second = _sent(other, reviewer, staff)

    assert (first.number, second.number) == (1, 2)
    assert second.reference == f"ECCAR/{nantes.cycle.year}/LIEGE/002"
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.filter(pk=second.pk).update(reference=first.reference)


def test_letter_carries_the_date_it_was_sent_not_the_day_it_is_read(
    login, nantes, reviewer, staff, primary
):
    letter = _ready_letter(nantes, reviewer, staff)
    client = login(staff)
    url = reverse("reviews:letter", args=[nantes.cycle.year, nantes.city.slug])
    preview = client.get(url).content.decode()
    preview_pdf = _pages(client.get(url + "?format=pdf").content)[0]

    services.letter_send(letter=letter)
    letter.refresh_from_db()
    # Read a year later: the letter still carries the day it was mailed.
    sent_on = letter.dated
    Letter.objects.filter(pk=letter.pk).update(dated=sent_on.replace(year=sent_on.year - 1))
    letter.refresh_from_db()
    later = _pages(services.letter_render(letter=letter))[0]

    assert sent_on == timezone.localdate()
    assert "This letter has not been sent yet." in preview
    assert "Date: not yet sent" in preview_pdf
    assert "Preview: this letter has not been sent yet." in preview_pdf
    assert f"Date: {letter.dated:%-d %B %Y}" in later
    assert f"{timezone.localdate():%-d %B %Y}" not in later


def test_letter_pdf_is_tagged_with_language_and_title(nantes, reviewer, staff):
    letter = _ready_letter(nantes, reviewer, staff)

    reader = PdfReader(io.BytesIO(services.letter_render(letter=letter)))

    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert reader.metadata.title == f"Feedback on the {nantes.cycle.year} report of Nantes"


def test_letterhead_shows_the_configured_logo(nantes, reviewer, staff, settings, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(TINY_PNG)
    settings.LETTER_LOGO = str(logo)
    letter = _ready_letter(nantes, reviewer, staff)

    reader = PdfReader(io.BytesIO(services.letter_render(letter=letter)))

    assert len(reader.pages[0].images) == 1


def test_a_missing_logo_file_stops_sending_with_a_message(
    nantes, reviewer, staff, settings, tmp_path, mailoutbox
):
    settings.LETTER_LOGO = str(tmp_path / "gone.png")
    letter = _ready_letter(nantes, reviewer, staff)

    with pytest.raises(ServiceError, match="LETTER_LOGO"):
        services.letter_send(letter=letter)

    assert mailoutbox == []


def test_covering_email_greets_explains_and_gives_the_reference(
    office, nantes, reviewer, staff, primary, mailoutbox
):
    letter = _sent(nantes, reviewer, staff)

    [mail] = mailoutbox
    body = mail.body
    assert body.startswith("Dear Mayor Sophie Lemaire,\n")
    assert letter.reference in mail.subject
    assert f"reference {letter.reference}, dated {letter.dated:%-d %B %Y}" in body
    assert f"/cities/{nantes.city.slug}/reports/{nantes.cycle.year}/feedback/" in body
    assert "update the report" in body and "publish the report" in body
    assert "Contact: reporting@eccar.example · Phone: +49 6221 000000" in body
    assert "Prof. Dr. Anna Rossi" in body
    html = mail.alternatives[0][0]
    assert 'lang="en"' in html and "Sophie Lemaire" in html


def test_sending_all_letters_asks_first_naming_each_letter_and_recipient(
    login, nantes, reviewer, staff, primary, mailoutbox, commit_callbacks
):
    _ready_letter(nantes, reviewer, staff)
    client = login(staff)
    url = reverse("reviews:outbox", args=[nantes.cycle.year])

    outbox = client.get(url).content.decode()
    with commit_callbacks(execute=True):
        unconfirmed = client.post(url)
    confirm = client.get(url + "?confirm=all").content.decode()
    assert mailoutbox == []
    with commit_callbacks(execute=True):
        client.post(url, {"confirmed": "1"})

    assert 'name="confirm" value="all"' in outbox
    assert unconfirmed.status_code == 302 and unconfirmed.url.endswith("?confirm=all")
    assert "Send this letter?" in confirm
    assert f"Sophie Lemaire &lt;{nantes.city.mayor_email}&gt;" in confirm
    assert primary.email in confirm
    assert "cannot be undone" in confirm
    assert len(mailoutbox) == 1
    assert Letter.objects.get().state == LetterState.SENT


def test_sending_one_letter_asks_first(
    login, nantes, reviewer, staff, mailoutbox, commit_callbacks
):
    letter = _ready_letter(nantes, reviewer, staff)
    client = login(staff)
    url = reverse("reviews:outbox", args=[nantes.cycle.year])

    confirm = client.get(url, {"confirm": letter.pk}).content.decode()
    with commit_callbacks(execute=True):
        client.post(url, {"letter": letter.pk})
    assert mailoutbox == []
    with commit_callbacks(execute=True):
        client.post(url, {"letter": letter.pk, "confirmed": "1"})

    assert f'name="letter" value="{letter.pk}"' in confirm
    assert "Nantes" in confirm
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("value", ["0", "x", "99999999999999999999999", "-1"])
def test_confirmation_of_an_unknown_letter_offers_nothing_to_send(
    login, nantes, reviewer, staff, value
):
    _ready_letter(nantes, reviewer, staff)
    url = reverse("reviews:outbox", args=[nantes.cycle.year])

    response = login(staff).get(url, {"confirm": value})

    assert response.status_code == 200
    assert 'name="confirmed"' not in response.content.decode()


def test_letter_pages_as_pictures(office, nantes, reviewer, staff, primary):
    """Artefacts for a person to look at: the sent letter, and a long one."""
    letter = _sent(nantes, reviewer, staff)
    pngs = _save_pngs(letter.pdf.read(), "letter-sent")
    long_report = _other_report(nantes, reviewer, staff, slug="liege", name="Liège")
    long = _ready_letter(long_report, reviewer, staff)
    long.individual_feedback = "\n\n".join(
        f"Paragraph {n}: the city's equality data would show what the measures achieve."
        for n in range(25)
    )
    long.save()
    long_pngs = _save_pngs(services.letter_render(letter=long), "letter-long-preview")

    assert pngs and all(p.stat().st_size > 0 for p in pngs)
    assert len(long_pngs) >= 2


def test_sending_an_interrupted_letter_again_asks_first_with_a_warning(
    login, nantes, reviewer, staff, mailoutbox, commit_callbacks
):
    letter = _ready_letter(nantes, reviewer, staff)
    Letter.objects.filter(pk=letter.pk).update(
        state=LetterState.SENDING, error="Sending was interrupted."
    )
    client = login(staff)
    url = reverse("reviews:outbox", args=[nantes.cycle.year])

    outbox = client.get(url).content.decode()
    confirm = client.get(url, {"resend": letter.pk}).content.decode()
    with commit_callbacks(execute=True):
        unconfirmed = client.post(url, {"resend": letter.pk})

    assert f'name="resend" value="{letter.pk}"' in outbox and 'method="get"' in outbox
    assert "Check with the city that the letter did not arrive" in confirm
    assert "Yes, send it again" in confirm
    assert unconfirmed.url.endswith(f"?resend={letter.pk}")
    assert mailoutbox == []
