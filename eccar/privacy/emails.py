"""Emails of the privacy work; they enqueue nothing (tasks.py sends them)."""

from django.conf import settings
from django.urls import reverse

from eccar.mail import send_templated_email

from .models import ErasureRequest


def erasure_request_notify(*, request: ErasureRequest) -> None:
    """Tells the office (COALITION_CONTACT_EMAIL) that a request waits for it."""
    send_templated_email(
        template="privacy/emails/erasure_requested",
        to=[settings.COALITION_CONTACT_EMAIL],
        context={
            "person": request.user,
            "message": request.message,
            "link": settings.SITE_URL.rstrip("/") + reverse("privacy:office"),
        },
    )
