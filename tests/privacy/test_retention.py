"""Retention (GDPR Art. 5(1)(e)): the daily task removes what is older than its
period and keeps what is younger; each run is logged."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from eccar.models import Anonymisation, PrivacyEvent, SecurityEvent
from eccar.privacy.enums import PrivacyEventKind, SecurityEventKind
from eccar.privacy.retention import _months_ago
from eccar.privacy.services import retention_run
from eccar.privacy.tasks import task_retention_run
from reporting.enums import AccessRequestStatus, AccountRole, ApplicationStatus
from reporting.models import AccessRequest, CityAccount, Invitation, MembershipApplication
from tests.factories import CityAccountFactory, CityFactory, UserFactory
from tests.world import MINIMAL_PDF

NOW = timezone.make_aware(datetime.datetime(2027, 6, 15, 12, 0))


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


def application(status, decided_days_ago, **extra):
    return MembershipApplication.objects.create(
        city_name=f"Town {status} {decided_days_ago}",
        country="AT",
        population=10_000,
        contact_name="Contact Person",
        contact_email="contact@town.example",
        mayor_name="Mayor",
        mayor_email="mayor@town.example",
        motivation="-",
        status=status,
        decided_at=days_ago(decided_days_ago) if decided_days_ago is not None else None,
        accession_document=ContentFile(MINIMAL_PDF, name="act.pdf"),
        **extra,
    )


def test_rejected_and_withdrawn_applications_go_after_twelve_months_with_their_files(
    db, commit_callbacks
):
    old_rejected = application(ApplicationStatus.REJECTED, 400)
    old_withdrawn = application(ApplicationStatus.INFO_REQUESTED, 400)
    young = application(ApplicationStatus.REJECTED, 330)
    pending = application(ApplicationStatus.PENDING, None)
    admitted = application(ApplicationStatus.ADMITTED, 400, city=CityFactory())
    old_file = Path(old_rejected.accession_document.path)

    with commit_callbacks(execute=True):
        counts = retention_run(now=NOW)

    kept = set(MembershipApplication.objects.values_list("pk", flat=True))
    assert kept == {young.pk, pending.pk, admitted.pk}
    assert (counts["applications"], old_file.exists()) == (2, False)
    assert old_withdrawn.pk not in kept


def test_the_application_period_is_a_setting(db, settings):
    settings.RETENTION_APPLICATION_MONTHS = 1
    application(ApplicationStatus.REJECTED, 45)
    assert retention_run(now=NOW)["applications"] == 1


def test_expired_invitations_go_after_ninety_days(db):
    person = UserFactory()

    def invitation(nonce, expired_days_ago, accepted=False):
        return Invitation.objects.create(
            user=person,
            nonce=nonce,
            expires_at=days_ago(expired_days_ago),
            accepted_at=days_ago(expired_days_ago + 1) if accepted else None,
        )

    invitation("old", 91)
    young = invitation("young", 89)
    accepted = invitation("accepted", 400, accepted=True)

    assert retention_run(now=NOW)["invitations"] == 1
    assert set(Invitation.objects.values_list("pk", flat=True)) == {young.pk, accepted.pk}


def test_answered_access_requests_go_after_ninety_days(db):
    def access_request(status, decided_days_ago):
        return AccessRequest.objects.create(
            full_name="Applicant",
            email="applicant@city.example",
            city_name="City",
            country="AT",
            status=status,
            decided_at=days_ago(decided_days_ago) if decided_days_ago is not None else None,
        )

    access_request(AccessRequestStatus.APPROVED, 91)
    access_request(AccessRequestStatus.REJECTED, 120)
    young = access_request(AccessRequestStatus.REJECTED, 89)
    pending = access_request(AccessRequestStatus.PENDING, None)

    assert retention_run(now=NOW)["access_requests"] == 2
    assert set(AccessRequest.objects.values_list("pk", flat=True)) == {young.pk, pending.pk}


def test_security_log_entries_with_addresses_go_after_ninety_days(db):
    SecurityEvent.objects.create(
        kind=SecurityEventKind.LOGIN, ip="192.0.2.1", created_at=days_ago(91)
    )
    young = SecurityEvent.objects.create(
        kind=SecurityEventKind.LOGIN_FAILED, ip="192.0.2.2", created_at=days_ago(89)
    )

    assert retention_run(now=NOW)["security_log"] == 1
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [young.pk]


def deactivated(months_ago, **user):
    account = CityAccountFactory(
        role=AccountRole.SECONDARY,
        is_active=False,
        deactivated_at=NOW - datetime.timedelta(days=31 * months_ago),
        **{f"user__{k}": v for k, v in user.items()},
    )
    return account.user


def test_deactivated_peoples_data_goes_after_the_configured_period(db):
    old = deactivated(25)
    young = deactivated(23)
    reviewer = deactivated(30, is_reviewer=True)
    still_active = deactivated(30)
    CityAccountFactory(user=still_active, role=AccountRole.SECONDARY)

    assert retention_run(now=NOW)["deactivated_people"] == 1
    assert list(Anonymisation.objects.values_list("user", flat=True)) == [old.pk]
    assert (
        not CityAccount.objects.filter(user__in=[young, reviewer, still_active])
        .filter(user__anonymisation__isnull=False)
        .exists()
    )


def test_each_run_is_logged_with_its_counts(db):
    retention_run(now=NOW)
    event = PrivacyEvent.objects.get(kind=PrivacyEventKind.RETENTION_RUN)
    assert event.details == {
        "applications": 0,
        "invitations": 0,
        "access_requests": 0,
        "security_log": 0,
        "deactivated_people": 0,
    }


def test_the_daily_task_runs_the_retention(db):
    SecurityEvent.objects.create(
        kind=SecurityEventKind.LOGIN, ip="192.0.2.1", created_at=days_ago(400)
    )
    assert task_retention_run.delay().get()["security_log"] == 1
    assert PrivacyEvent.objects.filter(kind=PrivacyEventKind.RETENTION_RUN).count() == 1


def test_beat_runs_the_task_once_a_day():
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-retention"]
    assert (entry["task"], entry["schedule"]) == (task_retention_run.name, 24 * 60 * 60)


@pytest.mark.parametrize("months", [1, 12, 14, 25])
def test_month_arithmetic_never_fails_on_short_months(months):
    end_of_march = timezone.make_aware(datetime.datetime(2027, 3, 31, 12, 0))
    assert _months_ago(end_of_march, months) < end_of_march
