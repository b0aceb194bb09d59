"""Logs logins, failed logins and logouts to the `eccar.security` logger."""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .privacy.enums import SecurityEventKind
from .privacy.models import SecurityEvent

logger = logging.getLogger("eccar.security")


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the
    address the outermost trusted proxy saw (allauth reads X-Forwarded-For the same way).
    Addresses further left were written by the client and are never trusted."""
    if request is None:
        return "-"
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if count > 0 and len(forwarded) >= count and forwarded[-count]:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "-")


def email_digest(email: str) -> str:
    # A digest lets an operator correlate attempts without writing addresses to logs.
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:12]


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    ip = client_ip(request)
    logger.info("login user=%s ip=%s", user.pk, ip)
    # Also kept in the database for the office, RETENTION_SECURITY_LOG_DAYS long.
    SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN, user=user, ip=ip)


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    email = str(credentials.get("email") or credentials.get("username") or "")
    digest, ip = email_digest(email), client_ip(request)
    logger.warning("login failed email#=%s ip=%s", digest, ip)
    SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN_FAILED, email_digest=digest, ip=ip)


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    ip = client_ip(request)
    logger.info("logout user=%s ip=%s", getattr(user, "pk", None), ip)
    if getattr(user, "pk", None) is not None:
        SecurityEvent.objects.create(kind=SecurityEventKind.LOGOUT, user=user, ip=ip)


def log_permission_refused(request, what: str) -> None:
    logger.warning(
        "permission refused user=%s path=%s what=%s ip=%s",
        getattr(request.user, "pk", None),
        request.path,
        what,
        client_ip(request),
    )
