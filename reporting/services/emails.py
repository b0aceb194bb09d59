"""Emails about reports. Each is sent by a Celery task after commit."""

from django.utils import timezone

from eccar.mail import send_templated_email

from .enums import AccountRole
from .models import Report


def report_pdf(report: Report, *, revision=None) -> bytes:
    from eccar.pdf import render_pdf

    from .selectors import report_document

    return render_pdf(
        template="reporting/pdf/report.html",
        context=report_document(report=report, revision=revision),
        language=report.source_language or None,
    )


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
    pdf = report_pdf(report, revision=snapshot.revision)
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
    import datetime

    from django.db import IntegrityError, transaction

    from .models import City, ReminderSent, ReportingCycle
    from .rules import EDITABLE_STATES

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
            cities = City.objects.filter(membership_status="member").exclude(pk__in=submitted)
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
