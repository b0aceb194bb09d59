from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

from eccar.errors import ServiceError
from eccar.translation import Transient

from .models import Letter
from .services import LetterInFlight, letter_send, letter_translate


@shared_task(
    bind=True,
    autoretry_for=(OSError, SMTPException),
    retry_backoff=True,
    max_retries=3,
    acks_late=True,
)
def task_letter_send(self, *, letter_id: int, resend_interrupted: bool = False) -> bool:
    letter = Letter.objects.filter(pk=letter_id).first()
    if letter is None:
        return False
    try:
        return letter_send(letter=letter, resend_interrupted=resend_interrupted)
    except ServiceError:
        # Recorded on the letter for staff; retrying cannot help until they fix it.
        return False
    except LetterInFlight as error:
        if self.request.is_eager:
            return False  # In-process: the other caller is sending it right now.
        # Look again once the other worker has finished or is known to have died.
        raise self.retry(exc=error, countdown=settings.LETTER_SEND_TIMEOUT + 5) from error


@shared_task(autoretry_for=(Transient,), retry_backoff=True, max_retries=3, acks_late=True)
def task_letter_translate(*, letter_id: int) -> bool:
    letter = Letter.objects.filter(pk=letter_id).first()
    if letter is None:
        return False
    return letter_translate(letter=letter)
