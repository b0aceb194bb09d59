"""The emails of the reporting app: invitations and new access, answers to membership
applications, the submission's confirmation with its PDF and the deadline reminders.
Each is sent by a Celery task after commit; nothing here enqueues a task."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from eccar.mail import send_templated_email
from reporting.enums import AccountRole, MembershipStatus
from reporting.models import (
    City,
    CityAccount,
    Invitation,
    MembershipApplication,
    ReminderSent,
    Report,
    ReportingCycle,
)
from reporting.rules import EDITABLE_STATES
from reporting.selectors.accounts import invitation_url
from reporting.selectors.reports import report_pdf


def submission_confirm(*, report: Report) -> bool:
    """Mails the primary account the submitted PDF, once per frozen revision."""
    snapshot = report.snapshots.order_by("-revision").first()
    if snapshot is None or snapshot.confirmation_sent_at:
        return False
    primary = (
        report.city.accounts.filter(role=AccountRole.PRIMARY, is_active=True)
        .select_related("user")
        .first()
    )
    if primary is None:
        return False
    pdf = report_pdf(report, user=primary.user, revision=snapshot.revision)
    send_templated_email(
        template="reporting/emails/submission_confirmation",
        to=[primary.user.email],
        language=primary.user.preferred_language or report.city.main_language,
        context={
            "report": report,
            "city": report.city,
            "cycle": report.cycle,
            "submitted_at": report.submitted_at,
        },
        attachments=[
            (f"ECCAR-report-{report.cycle}-{report.city.slug}.pdf", pdf, "application/pdf")
        ],
    )
    snapshot.confirmation_sent_at = timezone.now()
    snapshot.save(update_fields=["confirmation_sent_at"])
    return True


REMINDER_DAYS = (30, 7, 1)


def reminders_send(*, today=None) -> int:
    """Reminds every member city that has not submitted, 30, 7 and 1 days before the
    deadline. A ReminderSent row is written before the mail, under a unique
    constraint, so a second run of the same day mails nobody twice."""

    today = today or timezone.localdate()
    sent = 0
    for days in REMINDER_DAYS:
        deadline = today + datetime.timedelta(days=days)
        for cycle in ReportingCycle.objects.filter(submission_deadline=deadline):
            submitted = set(
                Report.objects.filter(cycle=cycle)
                .exclude(state__in=EDITABLE_STATES)
                .values_list("city_id", flat=True)
            )
            cities = City.objects.filter(membership_status=MembershipStatus.MEMBER).exclude(
                pk__in=submitted
            )
            for city in cities.prefetch_related("accounts__user"):
                primary = next(
                    (a for a in city.accounts.all() if a.is_primary and a.is_active), None
                )
                if primary is None:
                    continue
                try:
                    with transaction.atomic():
                        ReminderSent.objects.create(city=city, cycle=cycle, days_before=days)
                        send_templated_email(
                            template="reporting/emails/deadline_reminder",
                            to=[primary.user.email],
                            language=primary.user.preferred_language or city.main_language,
                            context={"city": city, "cycle": cycle, "days": days},
                        )
                except IntegrityError:
                    continue
                sent += 1
    return sent


def invitation_send(*, invitation: Invitation) -> bool:
    """Emails the link. Idempotent: an invitation is mailed once."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.sent_at or invitation.accepted_at:
            return False
        user = invitation.user
        account = invitation.account
        send_templated_email(
            template="reporting/emails/invitation",
            to=[user.email],
            language=user.preferred_language or (account.city.main_language if account else None),
            context={
                "user": user,
                "account": account,
                "city": account.city if account else None,
                "invited_by": invitation.invited_by,
                "expires_at": invitation.expires_at,
                "link": settings.SITE_URL + invitation_url(invitation),
            },
        )
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at", "updated_at"])
    return True


def access_granted_notify(*, account: CityAccount) -> None:
    send_templated_email(
        template="reporting/emails/access_granted",
        to=[account.user.email],
        language=account.user.preferred_language or account.city.main_language,
        context={"account": account, "city": account.city, "user": account.user},
    )


def application_mail(*, application: MembershipApplication, template: str) -> None:
    send_templated_email(
        template=f"reporting/emails/{template}",
        to=[application.contact_email],
        language=(application.languages or [None])[0]
        if (application.languages or [None])[0] in dict(settings.LANGUAGES)
        else None,
        context={"application": application},
    )
