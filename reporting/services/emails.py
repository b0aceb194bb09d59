"""The emails of the reporting app: invitations and new access, answers to membership
applications, the submission's confirmation with its PDF and the deadline reminders.
Each is sent by a Celery task after commit; nothing here enqueues a task."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from eccar.enums import NotificationKind
from eccar.mail import send_templated_email
from eccar.notifications import notify
from reporting.enums import AccountRole, MembershipStatus, ReportState
from reporting.models import (
    City,
    CityAccount,
    Invitation,
    MembershipApplication,
    ReminderSent,
    Report,
    ReportingCycle,
    ReportStateChange,
)
from reporting.rules import EDITABLE_STATES
from reporting.selectors.accounts import invitation_url
from reporting.selectors.reports import report_deadline, report_pdf


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


def report_returned_notify(*, report: Report, change: ReportStateChange) -> int:
    """Tells the city's active accounts (primary and secondary) that staff returned its
    report to draft: why, and until when it may be submitted again. An email each and a
    notification each; the notification's link names the history row, so a second
    return notifies again while a retried task does not. Returns the emails sent."""
    deadline = report_deadline(report)
    accounts = list(report.city.accounts.filter(is_active=True).select_related("user"))
    link = reverse(
        "reporting:report_detail", kwargs={"slug": report.city.slug, "year": report.cycle.year}
    )
    created = notify(
        users=[a.user for a in accounts],
        kind=NotificationKind.REPORT_RETURNED,
        params={
            "year": report.cycle.year,
            "city": report.city.name,
            "reason": change.reason,
            "until": deadline.isoformat(),
        },
        url=f"{link}#change-{change.pk}",
    )
    if not created:
        return 0
    for account in accounts:
        send_templated_email(
            template="reporting/emails/report_returned",
            to=[account.user.email],
            language=account.user.preferred_language or report.city.main_language,
            context={
                "report": report,
                "city": report.city,
                "cycle": report.cycle,
                "reason": change.reason,
                "deadline": deadline,
                "link": settings.SITE_URL + link,
            },
        )
    return len(accounts)


REMINDER_DAYS = (30, 7, 1)


def reminders_send(*, today=None) -> int:
    """Reminds every member city that has not submitted, 30, 7 and 1 days before the
    cycle's deadline, and a city whose report staff returned with a later date, 30, 7
    and 1 days before that date (then not before the cycle's deadline it no longer has
    to meet). A ReminderSent row (deadline, recipient) is written before the mail, under
    a unique constraint, so a second run of the same day mails nobody twice."""

    today = today or timezone.localdate()
    sent = 0
    for days in REMINDER_DAYS:
        deadline = today + datetime.timedelta(days=days)
        for cycle in ReportingCycle.objects.filter(submission_deadline=deadline):
            # Submitted, or extended beyond this deadline: no reminder of it.
            excluded = set(
                Report.objects.filter(cycle=cycle)
                .filter(
                    ~Q(state__in=EDITABLE_STATES)
                    | Q(deadline_extended_to__gt=F("cycle__submission_deadline"))
                )
                .values_list("city_id", flat=True)
            )
            cities = City.objects.filter(membership_status=MembershipStatus.MEMBER).exclude(
                pk__in=excluded
            )
            for city in cities.prefetch_related("accounts__user"):
                sent += _reminder_send(
                    city=city, cycle=cycle, deadline=deadline, days=days, extended=False
                )
        extended = Report.objects.filter(
            state=ReportState.DRAFT,
            deadline_extended_to=deadline,
            deadline_extended_to__gt=F("cycle__submission_deadline"),
            city__membership_status=MembershipStatus.MEMBER,
        ).select_related("city", "cycle")
        for report in extended.prefetch_related("city__accounts__user"):
            sent += _reminder_send(
                city=report.city, cycle=report.cycle, deadline=deadline, days=days, extended=True
            )
    return sent


def _reminder_send(*, city, cycle, deadline, days: int, extended: bool) -> int:
    primary = next((a for a in city.accounts.all() if a.is_primary and a.is_active), None)
    if primary is None:
        return 0
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                city=city,
                cycle=cycle,
                deadline=deadline,
                extended=extended,
                days_before=days,
                recipient=primary.user,
                email=primary.user.email,
            )
            send_templated_email(
                template="reporting/emails/deadline_reminder",
                to=[primary.user.email],
                language=primary.user.preferred_language or city.main_language,
                context={
                    "city": city,
                    "cycle": cycle,
                    "days": days,
                    "deadline": deadline,
                    "extended": extended,
                },
            )
    except IntegrityError:
        return 0
    return 1


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
