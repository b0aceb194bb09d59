"""Retention (GDPR Art. 5(1)(e)): what is kept longer than its period (settings
RETENTION_*) is removed by the daily task (tasks.task_retention_run)."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from reporting.enums import AccessRequestStatus, ApplicationStatus
from reporting.models import AccessRequest, Invitation, MembershipApplication, User

from .anonymisation import person_anonymise
from .enums import PrivacyEventKind
from .events import event_log
from .models import SecurityEvent

logger = logging.getLogger("eccar.privacy")


def _months_ago(now: datetime.datetime, months: int) -> datetime.datetime:
    month_index = now.year * 12 + now.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(now.day, 28)
    return now.replace(year=year, month=month + 1, day=day)


def retention_run(*, now: datetime.datetime | None = None) -> dict:
    """Removes what is kept longer than its period (settings RETENTION_*), each step
    in its own transaction; logs the counts as a PrivacyEvent. Idempotent."""
    now = now or timezone.now()
    counts = {
        "applications": _applications_remove(now),
        "invitations": _invitations_remove(now),
        "access_requests": _access_requests_remove(now),
        "security_log": _security_log_remove(now),
        "deactivated_people": _deactivated_people_anonymise(now),
    }
    event_log(PrivacyEventKind.RETENTION_RUN, **counts)
    logger.info("retention run %s", " ".join(f"{k}={v}" for k, v in counts.items()))
    return counts


@transaction.atomic
def _applications_remove(now) -> int:
    """Rejected applications, and those left waiting for information the applicant
    never sent (withdrawn), with their signed acts of accession."""
    cutoff = _months_ago(now, settings.RETENTION_APPLICATION_MONTHS)
    old = MembershipApplication.objects.filter(
        status__in=[ApplicationStatus.REJECTED, ApplicationStatus.INFO_REQUESTED],
        decided_at__lt=cutoff,
        city__isnull=True,
    )
    count = 0
    for application in old:
        if application.accession_document:
            # After the commit: a rolled-back run must not have lost the file.
            name, storage = application.accession_document.name, application.accession_document
            transaction.on_commit(lambda s=storage.storage, n=name: s.delete(n))
        application.delete()
        count += 1
    return count


@transaction.atomic
def _invitations_remove(now) -> int:
    cutoff = now - datetime.timedelta(days=settings.RETENTION_INVITATION_DAYS)
    deleted, _by_model = Invitation.objects.filter(
        accepted_at__isnull=True, expires_at__lt=cutoff
    ).delete()
    return deleted


@transaction.atomic
def _access_requests_remove(now) -> int:
    cutoff = now - datetime.timedelta(days=settings.RETENTION_ACCESS_REQUEST_DAYS)
    deleted, _by_model = (
        AccessRequest.objects.exclude(status=AccessRequestStatus.PENDING)
        .filter(decided_at__lt=cutoff)
        .delete()
    )
    return deleted


@transaction.atomic
def _security_log_remove(now) -> int:
    cutoff = now - datetime.timedelta(days=settings.RETENTION_SECURITY_LOG_DAYS)
    deleted, _by_model = SecurityEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _deactivated_people_anonymise(now) -> int:
    """People whose every city account was deactivated longer ago than the period,
    who hold no other role and have not logged in since."""
    cutoff = _months_ago(now, settings.RETENTION_DEACTIVATED_ACCOUNT_MONTHS)
    people = (
        User.objects.filter(anonymisation__isnull=True, city_accounts__isnull=False)
        .filter(is_staff=False, is_superuser=False, is_board_member=False, is_reviewer=False)
        .exclude(city_accounts__is_active=True)
        .annotate(last_deactivation=Max("city_accounts__deactivated_at"))
        .filter(last_deactivation__lt=cutoff)
        .filter(Q(last_login__isnull=True) | Q(last_login__lt=cutoff))
        .distinct()
    )
    count = 0
    for person in people:
        person_anonymise(person=person, by=None, reason="retention")
        count += 1
    return count
