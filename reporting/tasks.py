"""Celery tasks of the reporting app: each loads its object, calls one service and
returns. The work they do (emails, machine translation) lives in services that enqueue
nothing, so the services that enqueue these tasks (accounts, membership, reports,
content) import them without an import circle."""

from celery import shared_task

from eccar.translation import Transient

from .models import CityAccount, Invitation, MembershipApplication, Report, ReportStateChange
from .services.emails import (
    access_granted_notify,
    application_mail,
    invitation_send,
    reminders_send,
    report_returned_notify,
    submission_confirm,
)
from .services.machine_translation import report_translate, translation_mark_waiting


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_invitation_send(*, invitation_id: int) -> bool:
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is None:
        return False
    return invitation_send(invitation=invitation)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_access_granted_notify(*, account_id: int) -> None:
    account = CityAccount.objects.select_related("user", "city").filter(pk=account_id).first()
    if account is not None and account.is_active:
        access_granted_notify(account=account)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_submission_confirm(*, report_id: int) -> bool:
    report = Report.objects.select_related("city", "cycle").filter(pk=report_id).first()
    if report is None:
        return False
    return submission_confirm(report=report)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_report_returned_notify(*, report_id: int, change_id: int) -> int:
    change = (
        ReportStateChange.objects.select_related("report__city", "report__cycle")
        .filter(pk=change_id, report_id=report_id)
        .first()
    )
    if change is None:
        return 0
    return report_returned_notify(report=change.report, change=change)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_reminders_send() -> int:
    return reminders_send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_application_mail(*, application_id: int, template: str) -> None:
    application = MembershipApplication.objects.filter(pk=application_id).first()
    if application is not None:
        application_mail(application=application, template=template)


@shared_task(bind=True, max_retries=6)
def task_report_translate(self, *, report_id: int) -> dict:
    report = Report.objects.select_related("city").filter(pk=report_id).first()
    if report is None:
        return {}
    try:
        return report_translate(report=report)
    except Transient as error:
        translation_mark_waiting(report=report, message=str(error))
        if self.request.is_eager:
            # In-process (no broker): never let a translation outage reach the save or
            # submission that triggered it; the next save or a staff re-run tries again.
            return {}
        # Rate limits and server errors: exponential backoff (1, 2, 4 ... minutes).
        raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from error
