from celery import shared_task

from .models import CityAccount, Invitation, Report
from .services import access_granted_notify, invitation_send


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
    from .models import Report
    from .notifications import submission_confirm

    report = Report.objects.select_related("city", "cycle").filter(pk=report_id).first()
    if report is None:
        return False
    return submission_confirm(report=report)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_reminders_send() -> int:
    from .notifications import reminders_send

    return reminders_send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_application_mail(*, application_id: int, template: str) -> None:
    from .membership import application_mail
    from .models import MembershipApplication

    application = MembershipApplication.objects.filter(pk=application_id).first()
    if application is not None:
        application_mail(application=application, template=template)


@shared_task(bind=True, max_retries=6)
def task_report_translate(self, *, report_id: int) -> dict:
    from eccar.translation import Transient

    from .translations import report_translate

    report = Report.objects.select_related("city").filter(pk=report_id).first()
    if report is None:
        return {}
    try:
        return report_translate(report=report)
    except Transient as error:
        from .translations import translation_mark_waiting

        translation_mark_waiting(report=report, message=str(error))
        if self.request.is_eager:
            # In-process (no broker): never let a translation outage reach the save or
            # submission that triggered it; the next save or a staff re-run tries again.
            return {}
        # Rate limits and server errors: exponential backoff (1, 2, 4 ... minutes).
        raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from error
