"""The privacy notice: a default text in every interface language (gettext), which
staff may replace per language with a help page whose address is `privacy`."""

from django.conf import settings
from django.utils.translation import get_language

from reporting.models import HelpPage

NOTICE_SLUG = "privacy"


def notice_override() -> HelpPage | None:
    """The staff's own text in the reader's language, or None for the default text.

    Read per language, without modeltranslation's fallback: a notice written only in
    English must not hide the translated default text from a French reader."""
    page = HelpPage.objects.filter(slug=NOTICE_SLUG).first()
    if page is None:
        return None
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    body = getattr(page, f"body_{language}", "") or ""
    if not body.strip():
        return None
    page.own_title = getattr(page, f"title_{language}", "") or page.title
    page.own_body = body
    return page


def notice_context() -> dict:
    """What the default text names: the controller, the processors, the periods."""
    return {
        "override": notice_override(),
        "processors": settings.PRIVACY_PROCESSORS,
        "retention": {
            "application_months": settings.RETENTION_APPLICATION_MONTHS,
            "invitation_days": settings.RETENTION_INVITATION_DAYS,
            "access_request_days": settings.RETENTION_ACCESS_REQUEST_DAYS,
            "security_log_days": settings.RETENTION_SECURITY_LOG_DAYS,
            "deactivated_months": settings.RETENTION_DEACTIVATED_ACCOUNT_MONTHS,
        },
    }
