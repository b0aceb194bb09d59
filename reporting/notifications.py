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
