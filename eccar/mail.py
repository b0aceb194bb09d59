"""Emails as template triplets: <name>_subject.txt, <name>.txt and <name>.html,
rendered in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


def render_plain_text(name: str, context: dict) -> str:
    """A subject or plain-text body: not HTML, so nothing is escaped (a city called
    L'Aquila must not arrive as L&#x27;Aquila). The HTML part stays escaped."""
    return get_template(name).template.render(Context(context, autoescape=False))


def send_templated_email(
    *,
    template: str,
    to: list[str],
    context: dict,
    language: str | None = None,
    cc: list[str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    context = {
        "site_url": settings.SITE_URL,
        "coalition_name": settings.COALITION_NAME,
        "coalition_short_name": settings.COALITION_SHORT_NAME,
        "contact_email": settings.COALITION_CONTACT_EMAIL,
        **context,
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_plain_text(f"{template}_subject.txt", context)
        text = render_plain_text(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        cc=cc or [],
        headers=headers or None,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
