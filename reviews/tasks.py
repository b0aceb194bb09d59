from smtplib import SMTPException

from celery import shared_task

from .models import Letter
from .services import letter_send


@shared_task(autoretry_for=(OSError, SMTPException), retry_backoff=True, max_retries=5)
def task_letter_send(*, letter_id: int) -> bool:
    letter = Letter.objects.filter(pk=letter_id).first()
    if letter is None:
        return False
    return letter_send(letter=letter)
