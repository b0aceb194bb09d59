"""The letter's optional machine translation, and sending through a real SMTP server."""

import io
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.urls import reverse
from pypdf import PdfReader

from eccar.errors import ServiceError
from reviews import services
from reviews.models import Letter
from tests.reviews.test_services import _ready_letter


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_letter_translation_is_previewed_and_sent_with_the_original(
    fake_deepl, login, assigned, reviewer, staff, mailoutbox, commit_callbacks
):
    letter = _ready_letter(assigned, reviewer, staff)
    client = login(staff)
    year, slug = assigned.cycle.year, assigned.city.slug

    with commit_callbacks(execute=True):
        client.post(reverse("reviews:letter_translation", args=[year, slug]), {"language": "pl"})
    preview = client.get(reverse("reviews:letter", args=[year, slug]) + "?language=pl")
    services.letter_send(letter=letter)

    letter.refresh_from_db()
    assert "[PL] The city has a clear mandate" in preview.content.decode()
    assert "Machine translation into" in preview.content.decode()
    names = [name for name, _content, _type in mailoutbox[0].attachments]
    assert len(names) == 2 and names[1].endswith("-pl.pdf")
    translated = _pdf_text(letter.pdf_translation.read())
    assert "[PL] Most cities asked for common equality indicators." in translated
    assert "Machine translation" in translated
    assert "[PL]" not in _pdf_text(letter.pdf.read())


def test_letter_goes_out_in_english_when_the_translation_failed(
    fake_deepl, assigned, reviewer, staff, mailoutbox, commit_callbacks
):
    letter = _ready_letter(assigned, reviewer, staff)
    fake_deepl.quota_after = 0
    with commit_callbacks(execute=True):
        services.letter_translation_request(letter=letter, language="fr", by=staff)

    services.letter_send(letter=letter)

    letter.refresh_from_db()
    assert len(mailoutbox) == 1 and len(mailoutbox[0].attachments) == 1
    assert letter.translation_error
    assert not letter.pdf_translation


@pytest.mark.parametrize("language", ["en", "xx", "<script>"])
def test_letter_translation_refuses_unknown_languages(
    fake_deepl, assigned, reviewer, staff, language
):
    letter = _ready_letter(assigned, reviewer, staff)

    with pytest.raises(ServiceError):
        services.letter_translation_request(letter=letter, language=language, by=staff)

    assert Letter.objects.get().translation_language == ""


def test_letter_translation_needs_a_configured_service(assigned, reviewer, staff, settings):
    settings.DEEPL_AUTH_KEY = ""
    settings.LIBRETRANSLATE_URL = ""
    letter = _ready_letter(assigned, reviewer, staff)

    with pytest.raises(ServiceError, match="not configured"):
        services.letter_translation_request(letter=letter, language="de", by=staff)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_letter_reaches_a_real_smtp_server_once(assigned, reviewer, staff, primary, settings):
    received = []

    class Collect(Message):
        def handle_message(self, message):
            received.append(message)

    controller = Controller(Collect(), hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        letter = _ready_letter(assigned, reviewer, staff)

        services.letter_send(letter=letter)
        services.letter_send(letter=letter)
    finally:
        controller.stop()

    assert len(received) == 1
    message = received[0]
    assert message["To"] == assigned.city.mayor_email
    assert primary.email in message["Cc"]
    pdfs = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    assert len(pdfs) == 1
    assert "clear mandate" in _pdf_text(pdfs[0].get_payload(decode=True))
